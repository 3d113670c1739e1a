package io.cascade.rtmp;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ffmpeg publishing to the server, accepted and refused. */
class RtmpPublishTest {
    @TempDir
    Path dir;
    private final CollectingHooks hooks = new CollectingHooks("static/cam1");
    private RtmpServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new RtmpServer(0, hooks).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Ffmpeg publish(String path, double seconds) throws Exception {
        List<String> args = new ArrayList<>(Ffmpeg.testSource(seconds));
        args.addAll(List.of("-f", "flv", "rtmp://127.0.0.1:" + server.port() + "/" + path));
        return Ffmpeg.start(dir, args.toArray(String[]::new));
    }

    @Test
    void ffmpegPublishesH264AndAac() throws Exception {
        Ffmpeg ffmpeg = publish("static/cam1?token=x", 3);
        assertThat(ffmpeg.waitFor(30)).as(ffmpeg.output()).isZero();
        assertThat(hooks.closed.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(hooks.publishRequests).containsExactly("static/cam1");
        List<Track> tracks = hooks.trackAnnouncements.get(0);
        assertThat(tracks).extracting(Track::codec).containsExactly(Codec.H264, Codec.AAC);
        Track video = tracks.get(0);
        assertThat(video.config()).isNotEmpty();
        assertThat(video.config()[0]).as("avcC configurationVersion").isEqualTo((byte) 1);
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(240);
        assertThat(video.frameRate()).isEqualTo(25.0);
        Track audio = tracks.get(1);
        assertThat(audio.config()).isNotEmpty();
        assertThat(audio.sampleRate()).isEqualTo(44100);
        assertThat(audio.channels()).isEqualTo(1);

        List<Frame> videoFrames = hooks.framesOf(FlvDemuxer.VIDEO_TRACK);
        assertThat(videoFrames).hasSizeBetween(70, 80);
        assertThat(videoFrames.get(0).keyframe()).isTrue();
        assertThat(videoFrames.stream().filter(Frame::keyframe).count()).isBetween(3L, 4L);
        assertMonotonic(videoFrames);
        assertMonotonic(hooks.framesOf(FlvDemuxer.AUDIO_TRACK));
        assertThat(hooks.framesOf(FlvDemuxer.AUDIO_TRACK)).hasSizeGreaterThan(100);
        // the last frame is about 3 s after the first, on the 90 kHz clock
        long span = videoFrames.get(videoFrames.size() - 1).dts() - videoFrames.get(0).dts();
        assertThat(span).isBetween(2 * 90_000L, 3 * 90_000L);
        // video payload is length-prefixed NAL units covering the whole frame
        byte[] first = videoFrames.get(0).data();
        int length = (first[0] & 0xFF) << 24 | (first[1] & 0xFF) << 16 | (first[2] & 0xFF) << 8 | first[3] & 0xFF;
        assertThat(length).isBetween(1, first.length - 4);
    }

    private static void assertMonotonic(List<Frame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).dts()).isGreaterThanOrEqualTo(frames.get(i - 1).dts());
        }
    }

    @Test
    void publishingToARefusedNameFails() throws Exception {
        Ffmpeg ffmpeg = publish("static/unknown", 10);
        int exit = ffmpeg.waitFor(20);
        assertThat(exit).as("ffmpeg must fail, not run out its 10 s").isNotIn(0, -1);
        assertThat(ffmpeg.output()).contains("Server error: No stream static/unknown accepts a publisher");
        assertThat(hooks.publishRequests).containsExactly("static/unknown");
        assertThat(hooks.frames).isEmpty();
    }

    @Test
    void playingAnUnknownNameFails() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.start(dir, "-i", "rtmp://127.0.0.1:" + server.port() + "/static/nothing",
                "-c", "copy", "-t", "1", "-f", "flv", dir.resolve("never.flv").toString());
        int exit = ffmpeg.waitFor(20);
        assertThat(exit).isNotIn(0, -1);
        assertThat(ffmpeg.output()).contains("Server error: No stream static/nothing");
    }
}
