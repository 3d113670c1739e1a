package io.cascade.it;

import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a recording server, run as its own JVM, at a random moment within a segment: after
 * a restart the archive holds every segment that had closed before the kill (fetched live, then
 * fetched again from the archive: same bytes, so none truncated), the archive plays, and the
 * numbers go on above every one used before.
 */
@RequiresTools
class DvrCrashIT {
    @TempDir
    Path dir;
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String start(Path conf, int port, String log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.cascade.Main", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        String base = "http://127.0.0.1:" + port + "/rec/";
        Tools.await(Duration.ofSeconds(30), "the server plays", () -> {
            try {
                return Tools.get(base + "mono.m3u8").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        return base;
    }

    @Test
    void everySegmentClosedBeforeAKillIsArchivedWholeAndNumbersGoOnAboveThem() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 4, "320x180", "mp4");
        int port = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                segment_duration 1;
                segments 30;
                stream rec { input file://clip.mp4; dvr archive 1h; }
                """.formatted(port));
        String base = start(conf, port, "first.log");
        Map<String, byte[]> live = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (System.nanoTime() < deadline) {
            fetchNew(base, live);
            Thread.sleep(200);
        }
        // A last look at the live window at a random moment of a segment, then the kill.
        Thread.sleep(new Random().nextInt(1000));
        List<String> closedBeforeKill = fetchNew(base, live);
        long highestBefore = mediaSequence(Tools.getText(base + "mono.fmp4.m3u8")) + closedBeforeKill.size() - 1;
        server.destroyForcibly(); // SIGKILL
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(closedBeforeKill.size()).isGreaterThan(5);

        base = start(conf, port, "second.log");
        String restarted = base;
        // Every segment closed before the kill but the one that closed last (it may have closed
        // in the last milliseconds, before its write) is served from the archive, byte for byte.
        for (String name : closedBeforeKill.subList(0, closedBeforeKill.size() - 1)) {
            HttpResponse<byte[]> r = Tools.get(base + name);
            assertThat(r.statusCode()).as(name).isEqualTo(200);
            assertThat(r.body()).as(name).isEqualTo(live.get(name));
        }
        Tools.await(Duration.ofSeconds(10), "a new segment", () -> {
            try {
                return Tools.getText(restarted + "mono.fmp4.m3u8").contains("#EXTINF");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(mediaSequence(Tools.getText(base + "mono.fmp4.m3u8"))).isGreaterThan(highestBefore);

        String status = Tools.getText(base + "recording_status.json");
        long first = Long.parseLong(status.replaceAll("(?s).*?\"from\":(\\d+).*", "$1"));
        String playlist = base + "archive-" + first + "-" + 30 + ".m3u8";
        Tools.Result play = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "error",
                "-i", playlist, "-f", "null", "-");
        assertThat(play.exit()).as(play.err()).isZero();
        assertThat(play.err()).doesNotContainIgnoringCase("invalid").doesNotContainIgnoringCase("error");
    }

    /** Fetches the fMP4 segments of the live window not fetched yet; returns the window's names. */
    private static List<String> fetchNew(String base, Map<String, byte[]> live) throws Exception {
        String playlist = new String(Tools.get(base + "mono.fmp4.m3u8").body(), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>(DvrPlaybackIT.segmentNames(playlist));
        for (String name : names) {
            if (!live.containsKey(name)) {
                HttpResponse<byte[]> r = Tools.get(base + name);
                if (r.statusCode() == 200) {
                    live.put(name, r.body());
                }
            }
        }
        names.removeIf(n -> !live.containsKey(n));
        return names;
    }

    private static long mediaSequence(String playlist) {
        return Long.parseLong(playlist.replaceAll("(?s).*#EXT-X-MEDIA-SEQUENCE:(\\d+).*", "$1"));
    }
}
