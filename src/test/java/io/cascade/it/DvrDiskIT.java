package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.dvr.StreamArchive;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The disk limit and a full disk on real, small filesystems: tmpfs mounts the test makes (it is
 * skipped, saying so, when it cannot mount: not root, or no tmpfs). A stream with {@code 40%}
 * keeps its filesystem below that by deleting its oldest segments while recording on; a stream
 * whose filesystem fills stops recording with a flag in the API, live playback untouched, and
 * records again by itself once space is freed.
 */
@RequiresTools
class DvrDiskIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static final List<Path> mounts = new ArrayList<>();
    static CascadeServer server;
    static String api;

    @BeforeAll
    static void start() throws Exception {
        Path limited = mount("limited", "2m");
        Path full = mount("full", "1m");
        Files.write(full.resolve("filler"), new byte[700 * 1024]);
        Path clip = dir.resolve("clip.mp4");
        Tools.Result made = Tools.run(Duration.ofSeconds(120), "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-t", "4", "-c:v", "libx264", "-preset",
                "ultrafast", "-g", "25", "-b:v", "2M", "-minrate", "2M", "-maxrate", "2M", "-bufsize", "1M",
                "-pix_fmt", "yuv420p", clip.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        int port = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                segment_duration 1;
                segments 4;
                stream lim { input file://clip.mp4; dvr %s 1h 40%%; }
                stream full { input file://clip.mp4; dvr %s 1h; }
                """.formatted(port, limited, full));
        server = new CascadeServer(ConfigLoader.load(conf), dir, 5_000);
        api = "http://127.0.0.1:" + port + "/streamer/api/v3/streams/";
    }

    private static Path mount(String name, String size) throws Exception {
        Path at = Files.createDirectories(dir.resolve(name));
        boolean root = "0".equals(Tools.run(Duration.ofSeconds(10), "id", "-u").out().trim());
        assumeTrue(root, "not root: the disk-limit test mounts small tmpfs filesystems and is skipped");
        Tools.Result r = Tools.run(Duration.ofSeconds(10), "mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
        assumeTrue(r.exit() == 0, () -> "tmpfs cannot be mounted here (" + r.err().strip() + "): test skipped");
        mounts.add(at);
        return at;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        for (Path m : mounts) {
            Tools.run(Duration.ofSeconds(10), "umount", "-l", m.toString());
        }
    }

    @Test
    void theLimitKeepsTheFilesystemBelowItByDeletingTheOldestWhileRecordingGoesOn() throws Exception {
        StreamArchive archive = server.dvr().archive("lim").orElseThrow();
        var recorder = server.dvr().recorder("lim").orElseThrow();
        Tools.await(Duration.ofSeconds(30), "segments deleted for the limit", () -> recorder.written() > archive.segmentCount() + 3);
        long before = recorder.written();
        Tools.await(Duration.ofSeconds(10), "recording going on", () -> recorder.written() > before + 2);
        FileStore fs = Files.getFileStore(archive.root());
        double used = 100.0 * (fs.getTotalSpace() - fs.getUsableSpace()) / fs.getTotalSpace();
        // Below the limit but for the segment written since the last check.
        assertThat(used).isLessThan(40 + 20);
        assertThat(recorder.failure()).isNull();
        assertThat(archive.last().orElseThrow().endDts()).isGreaterThan(io.cascade.media.Timebase.now() - 3 * 90_000);
    }

    @Test
    void aFullDiskStopsRecordingWithAFlagAndRecordingResumesWhenSpaceReturns() throws Exception {
        Tools.await(Duration.ofSeconds(30), "recording stopped", () -> !dvrInfo("full").get("recording").asBoolean());
        JsonNode info = dvrInfo("full");
        assertThat(info.get("error").asText()).isNotBlank();
        assertThat(Tools.get("http://127.0.0.1:" + server.httpPort() + "/full/mono.m3u8").statusCode()).isEqualTo(200);
        long stored = server.dvr().archive("full").orElseThrow().segmentCount();
        Files.delete(mounts.get(1).resolve("filler"));
        Tools.await(Duration.ofSeconds(15), "recording again", () -> dvrInfo("full").get("recording").asBoolean()
                && server.dvr().archive("full").orElseThrow().segmentCount() > stored + 1);
    }

    private static JsonNode dvrInfo(String stream) {
        try {
            return JSON.readTree(Tools.getText(api + stream)).get("stats").get("dvr_info");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
