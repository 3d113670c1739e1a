package io.cascade.rtmp;

import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real ffmpeg players watching a live publish through the fanout. */
@RequiresTools
class RtmpPlaybackTest {
    @TempDir
    Path dir;
    private final CollectingHooks hooks = new CollectingHooks("static/cam1");
    private RtmpServer server;
    private Ffmpeg publisher;

    @BeforeEach
    void start() throws Exception {
        server = new RtmpServer(0, hooks).start();
        hooks.feeds.put("static/cam1", hooks.relay);
        List<String> args = new ArrayList<>(Ffmpeg.testSource(10));
        args.addAll(List.of("-f", "flv", "rtmp://127.0.0.1:" + server.port() + "/static/cam1"));
        publisher = Ffmpeg.start(dir, args.toArray(String[]::new));
        long deadline = System.currentTimeMillis() + 10_000;
        while (hooks.frames.size() < 30 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(hooks.frames).as(publisher.output()).hasSizeGreaterThanOrEqualTo(30);
    }

    @AfterEach
    void stop() throws Exception {
        publisher.kill();
        server.close();
    }

    private Ffmpeg record(String url, File out) throws Exception {
        return Ffmpeg.start(dir, "-i", url, "-c", "copy", "-t", "2", "-f", "flv", out.getPath());
    }

    @Test
    void ffmpegRecordsWhatIsPublished() throws Exception {
        File out = dir.resolve("out.flv").toFile();
        Ffmpeg player = record("rtmp://127.0.0.1:" + server.port() + "/static/cam1", out);
        assertThat(player.waitFor(20)).as(player.output()).isZero();
        assertThat(Ffmpeg.probeCodecs(out)).contains("h264").contains("aac");
        assertThat(player.output()).doesNotContain("Non-monotonous DTS").doesNotContain("Invalid data");
    }

    @Test
    void viewersShareOneFanoutAndNamesMayCarryTheApp() throws Exception {
        File a = dir.resolve("a.flv").toFile();
        File b = dir.resolve("b.flv").toFile();
        // the name alone, under any app, reaches the same feed
        hooks.feeds.put("cam1", hooks.relay);
        Ffmpeg first = record("rtmp://127.0.0.1:" + server.port() + "/static/cam1", a);
        Ffmpeg second = record("rtmp://127.0.0.1:" + server.port() + "/live/cam1", b);
        long deadline = System.currentTimeMillis() + 5_000;
        int maxFanouts = 0;
        while (first.process.isAlive() && System.currentTimeMillis() < deadline) {
            maxFanouts = Math.max(maxFanouts, server.activeFanouts());
            Thread.sleep(20);
        }
        assertThat(first.waitFor(20)).as(first.output()).isZero();
        assertThat(second.waitFor(20)).as(second.output()).isZero();
        assertThat(maxFanouts).isEqualTo(1);
        assertThat(Ffmpeg.probeCodecs(a)).contains("h264").contains("aac");
        assertThat(Ffmpeg.probeCodecs(b)).contains("h264").contains("aac");
    }
}
