package io.cascade.rtspinput;

import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RTSP pull against a camera-like server that wants Digest authentication, restarts its
 * source midway and mixes garbage and stray packets into its RTP.
 */
class RtspPullInputTest {

    /** Collects what an input delivers. */
    static final class Collector implements MediaSink {
        final List<List<Track>> tracks = new CopyOnWriteArrayList<>();
        final List<Frame> frames = new CopyOnWriteArrayList<>();

        @Override
        public void onTracks(List<Track> t) {
            tracks.add(t);
        }

        @Override
        public void onFrame(Frame frame) {
            frames.add(frame);
        }

        @Override
        public SegmentSink segments() {
            return null;
        }

        List<Frame> of(int track) {
            return frames.stream().filter(f -> f.trackId() == track).toList();
        }
    }

    private static CompletableFuture<Throwable> run(RtspPullInput input, Collector sink) {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                input.run(sink);
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        ended.whenComplete((x, y) -> t.interrupt());
        runners.add(t);
        return ended;
    }

    private static final List<Thread> runners = new CopyOnWriteArrayList<>();

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void digestAuthenticatedPullDeliversH264AndAacOnOneClock() throws Exception {
        try (CameraServer camera = new CameraServer(GoldenSamples.h264Config(), null)) {
            String url = "rtsp://" + CameraServer.USER + ":s3cret%3Apw@127.0.0.1:" + camera.port() + "/Streaming/Channels/101";
            RtspPullInput input = new RtspPullInput(url, Map.of());
            assertThat(input.url()).doesNotContain("s3cret").contains("admin:***@127.0.0.1");
            Collector sink = new Collector();
            CompletableFuture<Throwable> ended = run(input, sink);
            await("two keyframes and audio (" + sink.frames.size() + " frames)", () -> sink.of(1).stream().filter(Frame::keyframe).count() >= 2 && sink.of(2).size() > 40);
            // the session's timeout=2 asks for a keep-alive every second; the server lists GET_PARAMETER
            await("a keep-alive", () -> camera.requests.contains("GET_PARAMETER"));
            runners.forEach(Thread::interrupt);
            ended.get(5, TimeUnit.SECONDS);

            assertThat(sink.tracks.getFirst()).extracting(Track::codec).containsExactly(Codec.H264, Codec.AAC);
            Track video = sink.tracks.getFirst().getFirst();
            assertThat(video.width()).isEqualTo(320); // completed from the SDP's SPS
            assertThat(sink.tracks.getFirst().get(1).sampleRate()).isEqualTo(48000);
            List<Frame> v = sink.of(1);
            assertThat(v.getFirst().keyframe()).isTrue();
            int steps = 0;
            for (int i = 1; i < v.size(); i++) {
                // continuous over the 32-bit wrap of the RTP timestamps: one frame (3600 ticks) apart,
                // but once, where the source restarted and the track was placed again at arrival
                long step = v.get(i).pts() - v.get(i - 1).pts();
                assertThat(step).isPositive();
                steps += step == 3600 ? 0 : 1;
                assertThat(v.get(i).dts()).isGreaterThan(v.get(i - 1).dts());
            }
            assertThat(steps).isLessThanOrEqualTo(1);
            assertThat(v.stream().filter(Frame::keyframe).count()).as("keyframes from both sources").isGreaterThanOrEqualTo(2);
            List<Frame> a = sink.of(2);
            int audioSteps = 0;
            for (int i = 1; i < a.size(); i++) {
                long step = a.get(i).dts() - a.get(i - 1).dts(); // 1024 samples at 48 kHz, from 90 kHz ticks
                assertThat(step).isPositive();
                audioSteps += step == 1920 ? 0 : 1;
            }
            assertThat(audioSteps).isLessThanOrEqualTo(1);
            assertThat(Math.abs(a.getFirst().dts() - v.getFirst().pts())).isLessThan(90_000);
            assertThat(camera.requests).containsSubsequence("OPTIONS", "DESCRIBE", "SETUP", "SETUP", "PLAY");
            assertThat(camera.rejected).isEmpty(); // the first 401 of each connection comes without credentials
            await("TEARDOWN", () -> camera.requests.contains("TEARDOWN"));
        }
    }

    @Test
    void wrongPasswordEndsTheInputWithTheReason() throws Exception {
        try (CameraServer camera = new CameraServer(GoldenSamples.h264Config(), null)) {
            RtspPullInput input = new RtspPullInput("rtsp://admin:wrong@127.0.0.1:" + camera.port() + "/x", Map.of());
            Throwable e = run(input, new Collector()).get(10, TimeUnit.SECONDS);
            assertThat(e).isInstanceOf(IOException.class).hasMessageContaining("refused the credentials")
                    .hasMessageNotContaining("wrong");
        }
    }

    @Test
    void garbageAnswerEndsTheInputWithAClearReason() throws Exception {
        byte[] garbage = "RTSP/1.0 200 OK\r\nCSeq: 2\r\n\u0001\u0002\u0003\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CameraServer camera = new CameraServer(GoldenSamples.h264Config(), garbage)) {
            RtspPullInput input = new RtspPullInput("rtsp://admin:s3cret%3Apw@127.0.0.1:" + camera.port() + "/x", Map.of());
            Throwable e = run(input, new Collector()).get(10, TimeUnit.SECONDS);
            assertThat(e).isInstanceOf(IOException.class).hasMessageContaining("garbled RTSP answer");
        }
    }

    @Test
    void badUrlsAndOptionsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RtspPullInput("rtsp:///x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RtspPullInput("rtsp://h/x", Map.of("transport", "sctp")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RtspPullUrl.parse("rtsp://u:p@cam:8554/a/b").requestUri()).isEqualTo("rtsp://cam:8554/a/b");
        assertThat(RtspPullUrl.parse("rtsp://cam/a").port()).isEqualTo(554);
        assertThat(ControlUrl.resolve("rtsp://h/s/", "trackID=1")).isEqualTo("rtsp://h/s/trackID=1");
        assertThat(ControlUrl.resolve("rtsp://h/s", "trackID=1")).isEqualTo("rtsp://h/s/trackID=1");
        assertThat(ControlUrl.resolve("rtsp://h/s", "*")).isEqualTo("rtsp://h/s");
        assertThat(ControlUrl.resolve("rtsp://h/s", "rtsp://o/t")).isEqualTo("rtsp://o/t");
    }
}
