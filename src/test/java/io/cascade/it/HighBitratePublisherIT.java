package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100 Mbit/s publisher into a server process of its own with a 512 MiB heap (the built classes,
 * a separate JVM, so the heap bound is real): the server lives, the publisher is cut for going
 * over {@code max_bitrate}, and a normal publisher afterwards gets segments.
 */
class HighBitratePublisherIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOffenderIsCutAndTheStreamGoesOn() throws Exception {
        int http = Tools.freePort();
        int rtmp = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                rtmp %d;
                segments 10;
                stream cam { input publish://; }
                """.formatted(http, rtmp));
        Path log = dir.resolve("server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), "io.cascade.Main", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String api = "http://127.0.0.1:" + http + "/streamer/api/v3/streams/cam";
        Tools.await(Duration.ofSeconds(30), "the server to listen", () -> status(api) == 200);

        long sentBytes = 0;
        long started = System.nanoTime();
        boolean cut = false;
        try (CraftedPublisher flood = CraftedPublisher.publish(rtmp, "static", "cam", 0)) {
            // 500 kB frames at 25 a second: 100 Mbit/s, for up to 20 s
            for (int i = 0; i < 25 * 20 && !cut; i++) {
                long due = started + TimeUnit.MILLISECONDS.toNanos(40L * i);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                try {
                    flood.video(40L * i, i % 25 == 0, 500_000);
                    sentBytes += 500_000;
                } catch (IOException closedByServer) {
                    cut = true;
                }
                cut |= flood.isCut();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(cut).as("the server cut the 100 Mbit/s publisher (sent %d MB in %.1f s)", sentBytes >> 20, seconds)
                .isTrue();
        assertThat(seconds).isLessThan(15);
        assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(Files.readString(log)).contains("above max_bitrate 50 Mbit/s").doesNotContain("OutOfMemoryError");

        long before = lastSegmentNumber(api);
        try (CraftedPublisher normal = CraftedPublisher.publish(rtmp, "static", "cam", 0)) {
            for (int i = 0; i < 25 * 8; i++) {
                normal.audio(40L * i);
                normal.video(40L * i, i % 25 == 0, 5_000); // 1 Mbit/s
                Thread.sleep(40);
            }
        }
        Tools.await(Duration.ofSeconds(15), "segments from the normal publisher", () -> lastSegmentNumber(api) >= before + 2);
        HttpResponse<byte[]> playlist = Tools.get("http://127.0.0.1:" + http + "/cam/mono.m3u8");
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(server.isAlive()).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.stream().filter(l -> l.contains("above max_bitrate"))).as("one line per cut").hasSizeBetween(1, 2);
    }

    private static int status(String url) {
        try {
            return Tools.get(url).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long lastSegmentNumber(String api) {
        try {
            JsonNode stream = JSON.readTree(Tools.get(api).body());
            return stream.path("stats").path("last_segment").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }
}
