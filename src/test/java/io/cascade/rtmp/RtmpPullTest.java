package io.cascade.rtmp;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our puller against ffmpeg's listen mode and against our own server. */
class RtmpPullTest {
    @TempDir
    Path dir;

    static final class Collector implements PublishSession {
        final List<List<Track>> tracks = new CopyOnWriteArrayList<>();
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public void onTracks(List<Track> t) {
            tracks.add(t);
        }

        @Override
        public void onFrame(Frame f) {
            frames.add(f);
        }

        @Override
        public void onClose() {
            closed.complete(null);
        }

        long videoFrames() {
            return frames.stream().filter(f -> f.trackId() == FlvDemuxer.VIDEO_TRACK).count();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitFrames(Collector c, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (c.videoFrames() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void pullsFromFfmpegListenMode() throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(Ffmpeg.testSource(6));
        args.addAll(List.of("-f", "flv", "-listen", "1", "rtmp://127.0.0.1:" + port + "/live/x"));
        Ffmpeg ffmpeg = Ffmpeg.start(dir, args.toArray(String[]::new));
        Collector collector = new Collector();
        RtmpPuller puller = null;
        try {
            // ffmpeg needs a moment before it listens
            for (int attempt = 0; attempt < 50; attempt++) {
                RtmpPuller p = new RtmpPuller("rtmp://127.0.0.1:" + port + "/live/x", collector);
                try {
                    p.start().get(10, TimeUnit.SECONDS);
                    puller = p;
                    break;
                } catch (ExecutionException notYet) {
                    p.close();
                    Thread.sleep(100);
                }
            }
            assertThat(puller).as(ffmpeg.output()).isNotNull();
            awaitFrames(collector, 50);
            assertThat(collector.videoFrames()).as(ffmpeg.output()).isGreaterThanOrEqualTo(50);
            assertThat(collector.tracks.get(0)).extracting(Track::codec).containsExactly(Codec.H264, Codec.AAC);
            assertThat(collector.frames.stream().filter(f -> f.trackId() == FlvDemuxer.VIDEO_TRACK)
                    .findFirst().orElseThrow().keyframe()).isTrue();
        } finally {
            if (puller != null) {
                puller.close();
            }
            ffmpeg.kill();
        }
    }

    @Test
    void pullsFromOurOwnServer() throws Exception {
        CollectingHooks hooks = new CollectingHooks("static/cam1");
        hooks.feeds.put("static/cam1", hooks.relay);
        try (RtmpServer server = new RtmpServer(0, hooks).start()) {
            List<String> args = new ArrayList<>(Ffmpeg.testSource(6));
            args.addAll(List.of("-f", "flv", "rtmp://127.0.0.1:" + server.port() + "/static/cam1"));
            Ffmpeg publisher = Ffmpeg.start(dir, args.toArray(String[]::new));
            try {
                long deadline = System.currentTimeMillis() + 10_000;
                while (hooks.frames.size() < 10 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                Collector collector = new Collector();
                try (RtmpPuller puller = new RtmpPuller("rtmp://127.0.0.1:" + server.port() + "/static/cam1", collector)) {
                    puller.start().get(10, TimeUnit.SECONDS);
                    awaitFrames(collector, 40);
                }
                assertThat(collector.videoFrames()).isGreaterThanOrEqualTo(40);
                assertThat(collector.tracks.get(0)).isEqualTo(hooks.trackAnnouncements.get(0));
                Frame first = collector.frames.get(0);
                assertThat(first.trackId() == FlvDemuxer.VIDEO_TRACK && first.keyframe())
                        .as("a viewer starts on a video keyframe").isTrue();
                assertThat(collector.closed).succeedsWithin(5, TimeUnit.SECONDS);
            } finally {
                publisher.kill();
            }
        }
    }

    @Test
    void unknownStreamFailsWithTheServersStatus() throws Exception {
        try (RtmpServer server = new RtmpServer(0, new CollectingHooks()).start();
             RtmpPuller puller = new RtmpPuller("rtmp://127.0.0.1:" + server.port() + "/static/none", new Collector())) {
            assertThatThrownBy(() -> puller.start().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RtmpProtocolException.class)
                    .hasMessageContaining("NetStream.Play.StreamNotFound");
        }
    }

    @Test
    void refusedConnectionFails() throws Exception {
        int port = freePort();
        try (RtmpPuller puller = new RtmpPuller("rtmp://127.0.0.1:" + port + "/a/b", new Collector())) {
            assertThatThrownBy(() -> puller.start().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RtmpProtocolException.class).hasMessageContaining("cannot connect");
        }
    }

    @Test
    void urlParsing() {
        assertThat(RtmpUrl.parse("rtmp://example.org/live/cam1?key=1"))
                .isEqualTo(new RtmpUrl("example.org", 1935, "live", "cam1?key=1"));
        assertThat(RtmpUrl.parse("rtmp://h:1940/app/a/b").name()).isEqualTo("a/b");
        assertThat(RtmpUrl.parse("rtmp://h:1940/app/a").tcUrl()).isEqualTo("rtmp://h:1940/app");
        assertThatThrownBy(() -> RtmpUrl.parse("http://h/a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtmpUrl.parse("rtmp://h/onlyapp")).isInstanceOf(IllegalArgumentException.class);
    }
}
