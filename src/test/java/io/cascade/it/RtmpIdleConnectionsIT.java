package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.media.SegmentStore;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * 500 RTMP connections that finish the handshake and then send nothing, and 100 that never
 * handshake, are closed after {@code rtmp_timeout} (5 s here), and the server's file
 * descriptors return to their count before; an ffmpeg publisher goes on, and ffmpeg plays over
 * RTMP while the idle sockets are open and after they are gone.
 */
@Timeout(180)
@RequiresTools
class RtmpIdleConnectionsIT {
    private static final int HANDSHAKEN = 500;
    private static final int SILENT = 100;
    /** Descriptors that may come and go meanwhile without a leak (a spawned process's pipes, a jar). */
    private static final int FD_NOISE = 8;
    private static final Path FDS = Path.of("/proc/self/fd");

    @TempDir
    static Path dir;
    static CascadeServer server;
    static Tools.Background publisher;
    static String rtmp;

    @BeforeAll
    static void start() throws Exception {
        Path clip = Tools.makeClip(dir, "clip.mp4", 6, "640x360", "mp4");
        Path config = dir.resolve("cascade.conf");
        int rtmpPort = Tools.freePort();
        Files.writeString(config, """
                http %d;
                rtmp %d;
                segment_duration 2;
                rtmp_timeout 5;
                stream cam1 { input publish://; }
                """.formatted(Tools.freePort(), rtmpPort));
        server = new CascadeServer(ConfigLoader.load(config), dir);
        rtmp = "rtmp://127.0.0.1:" + rtmpPort + "/static/cam1";
        publisher = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "flv", rtmp);
        Tools.await(Duration.ofSeconds(30), "cam1 to have segments", () -> store().closedSegments().size() >= 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void idleConnectionsAreClosedAndTheirDescriptorsFreed() throws Exception {
        assumeTrue(Files.isDirectory(FDS), "needs /proc/self/fd (Linux) to count descriptors");
        playOverRtmp("before"); // the first play loads what a play needs, so the baseline holds it
        long baseline = fdCount();
        Process clients = startIdleClients();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the idle clients opened their connections").isEqualTo("OPEN");
            long opened = fdCount();
            assertThat(opened - baseline).as("a descriptor per idle connection on the server")
                    .isGreaterThanOrEqualTo(HANDSHAKEN + SILENT - FD_NOISE);

            long segmentsBefore = store().lastNumber();
            playOverRtmp("during");

            String result = out.readLine();
            assertThat(clients.waitFor(60, TimeUnit.SECONDS)).as("the idle clients end").isTrue();
            assertThat(clients.exitValue()).as(result).isZero();
            double firstClose = Double.parseDouble(result.substring("CLOSED ".length()));
            assertThat(firstClose).as("seconds until the first idle connection was closed").isBetween(2.0, 20.0);

            Tools.await(Duration.ofSeconds(10), "descriptors back to " + baseline, () -> fdCount() <= baseline + FD_NOISE);
            System.out.printf("server descriptors: %d before, %d with the idle clients, %d after; first closed after %.1f s%n",
                    baseline, opened, fdCount(), firstClose);
            assertThat(store().lastNumber()).as("the publisher went on making segments").isGreaterThan(segmentsBefore);
            assertThat(publisher.process().isAlive()).isTrue();
        } finally {
            clients.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        playOverRtmp("after");
    }

    private static Process startIdleClients() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(IdleRtmpClients.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String port = rtmp.substring("rtmp://127.0.0.1:".length(), rtmp.indexOf("/static/"));
        return new ProcessBuilder(java, "-Xmx64m", "-cp", classes, IdleRtmpClients.class.getName(),
                port, String.valueOf(HANDSHAKEN), String.valueOf(SILENT), "40")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** ffmpeg records 3 s of the stream over RTMP, cleanly. */
    private static void playOverRtmp(String when) throws Exception {
        Path file = dir.resolve("play-" + when + ".flv");
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", rtmp, "-c", "copy", "-t", "3", file.toString());
        assertThat(r.exit()).as("ffmpeg play " + when + ": " + r.err()).isZero();
        Tools.assertCleanRecording(file, r.err(), 2.0);
    }

    private static SegmentStore store() {
        return server.streams().find("cam1").orElseThrow().store();
    }

    private static long fdCount() {
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.count();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + FDS, e);
        }
    }
}
