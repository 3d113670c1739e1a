package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.media.Segment;
import io.cascade.stream.LiveStream;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover between UDP inputs fed by ffmpeg: a silent input is left after its
 * {@code source_timeout} and taken back by priority once it sends again; and the backup file,
 * played while the only input is down, with HLS and RTMP viewers (ffmpeg) connected throughout,
 * the switches marked as discontinuities and the backup's segments marked as such.
 */
@RequiresTools
class FailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SOURCE_TIMEOUT = 2;

    @TempDir
    static Path dir;
    static CascadeServer server;
    static String http;
    static String rtmp;
    static Path clip;
    static int main;
    static int spare;
    static int live;

    @BeforeAll
    static void start() throws Exception {
        clip = Tools.makeClip(dir, "clip.ts", 10, "320x240", "mpegts");
        Tools.makeClip(dir, "slate.mp4", 4, "320x240", "mp4");
        int httpPort = Tools.freePort();
        int rtmpPort = Tools.freePort();
        main = LossyUdpRelay.freePort();
        spare = LossyUdpRelay.freePort();
        live = LossyUdpRelay.freePort();
        Files.writeString(dir.resolve("cascade.conf"), """
                http %d;
                rtmp %d;
                segment_duration 1;
                segments 20;
                stream fo {
                  input udp://127.0.0.1:%d source_timeout=%d priority=1;
                  input udp://127.0.0.1:%d priority=2;
                }
                stream bk {
                  input udp://127.0.0.1:%d;
                  backup slate.mp4 timeout=2;
                }
                """.formatted(httpPort, rtmpPort, main, SOURCE_TIMEOUT, spare, live));
        server = new CascadeServer(ConfigLoader.load(dir.resolve("cascade.conf")), dir);
        http = "http://127.0.0.1:" + httpPort + "/";
        rtmp = "rtmp://127.0.0.1:" + rtmpPort + "/static/";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Tools.Background send(int port) throws Exception {
        return UdpInputIT.send(clip, "udp://127.0.0.1:" + port);
    }

    static LiveStream stream(String name) {
        return server.streams().find(name).orElseThrow();
    }

    static String active(String name) {
        return stream(name).activeInput().orElse("");
    }

    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    static double secondsUntil(Duration max, String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - start).as("waiting for " + what).isLessThan(max.toNanos());
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void aSilentInputIsLeftAfterItsSourceTimeoutAndTakenBackByPriority() throws Exception {
        try (Tools.Background spareSender = send(spare)) {
            Tools.Background mainSender = send(main);
            secondsUntil(Duration.ofSeconds(20), "the main input", () -> stream("fo").isAlive()
                    && active("fo").contains(":" + main));
            Thread.sleep(1500);
            mainSender.close();
            double failover = secondsUntil(Duration.ofSeconds(SOURCE_TIMEOUT + 4), "failover to the spare",
                    () -> active("fo").contains(":" + spare));
            assertThat(failover).as("seconds from the main input's silence to failover")
                    .isBetween(SOURCE_TIMEOUT - 0.5, SOURCE_TIMEOUT + 2.0);
            JsonNode inputs = JSON.readTree(Tools.getText(http + "streamer/api/v3/streams/fo")).get("inputs");
            assertThat(inputs.get(0).get("source_timeout").asText()).isEqualTo(String.valueOf(SOURCE_TIMEOUT));
            assertThat(inputs.get(0).get("stats").get("last_error").asText()).contains("source_timeout");
            secondsUntil(Duration.ofSeconds(3), "the spare's first frames", () -> stream("fo").inputStats(
                    "udp://127.0.0.1:" + spare).state() == io.cascade.input.InputStats.State.ACTIVE);
            Thread.sleep(1500);
            try (Tools.Background back = send(main)) {
                double takeBack = secondsUntil(Duration.ofSeconds(8), "the main input taken back",
                        () -> active("fo").contains(":" + main));
                assertThat(takeBack).as("seconds from the main input's return to taking it back").isLessThan(4);
                long segments = stream("fo").store().lastNumber();
                secondsUntil(Duration.ofSeconds(10), "segments from the main input again",
                        () -> stream("fo").store().lastNumber() >= segments + 2);
            }
        }
        String playlist = Tools.getText(http + "fo/mono.m3u8");
        assertThat(playlist.split("#EXT-X-DISCONTINUITY\n", -1)).as(playlist).hasSizeGreaterThanOrEqualTo(3);
        List<Segment> segs = stream("fo").store().closedSegments();
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).number()).isEqualTo(segs.get(i - 1).number() + 1);
            assertThat(segs.get(i).startDts()).isGreaterThanOrEqualTo(segs.get(i - 1).endDts());
        }
    }

    @Test
    void theBackupKeepsViewersPlayingWhileTheInputIsDown() throws Exception {
        LiveStream bk = stream("bk");
        Tools.Background sender = send(live);
        Path hlsOut = dir.resolve("viewer.ts");
        Path rtmpOut = dir.resolve("viewer.flv");
        try {
            // Nothing fed the stream before this test: it may have started on its backup.
            secondsUntil(Duration.ofSeconds(20), "the input", () -> !bk.playingBackup()
                    && bk.activeInput().orElse("").startsWith("udp://"));
            long inputFrom = bk.store().lastNumber() + 1;
            secondsUntil(Duration.ofSeconds(10), "segments from the input", () -> bk.store().lastNumber() >= inputFrom + 1);
            try (Tools.Background hls = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-i", http + "bk/index.m3u8", "-c", "copy", "-flush_packets", "1", "-f", "mpegts", hlsOut.toString());
                 Tools.Background rtmpViewer = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                         "-i", rtmp + "bk", "-c", "copy", "-flush_packets", "1", "-f", "flv", rtmpOut.toString())) {
                secondsUntil(Duration.ofSeconds(15), "both viewers to record", () -> size(hlsOut) > 0 && size(rtmpOut) > 0);
                sender.close();
                secondsUntil(Duration.ofSeconds(6), "the backup", bk::playingBackup);
                assertThat(bk.activeInput()).hasValueSatisfying(u -> assertThat(u).endsWith("slate.mp4"));
                long firstBackup = bk.store().lastNumber() + 1;
                secondsUntil(Duration.ofSeconds(10), "segments from the backup",
                        () -> bk.store().closedSegments().stream()
                                .filter(s -> s.number() >= firstBackup && bk.isBackupSegment(s.number())).count() >= 2);
                long hlsSize = Files.size(hlsOut);
                long rtmpSize = Files.size(rtmpOut);
                sender = send(live);
                secondsUntil(Duration.ofSeconds(8), "the input back", () -> !bk.playingBackup()
                        && bk.activeInput().orElse("").startsWith("udp://"));
                long firstAfter = bk.store().lastNumber() + 1;
                secondsUntil(Duration.ofSeconds(10), "segments from the input again",
                        () -> bk.store().lastNumber() >= firstAfter + 1);
                assertThat(hls.process().isAlive()).as("the HLS viewer plays on: " + hls.errText()).isTrue();
                assertThat(rtmpViewer.process().isAlive()).as("the RTMP viewer plays on: " + rtmpViewer.errText()).isTrue();
                assertThat(Files.size(hlsOut)).isGreaterThan(hlsSize);
                assertThat(Files.size(rtmpOut)).isGreaterThan(rtmpSize);
                List<Segment> segs = bk.store().closedSegments();
                assertThat(segs.stream().filter(s -> s.number() >= firstBackup && s.number() < firstAfter - 1)
                        .allMatch(s -> bk.isBackupSegment(s.number()))).as("segments made while the backup played").isTrue();
                assertThat(segs.stream().filter(s -> s.number() >= firstAfter).noneMatch(s -> bk.isBackupSegment(s.number())))
                        .as("segments from the input again").isTrue();
                assertThat(segs.stream().filter(s -> s.number() >= inputFrom && s.number() < firstBackup - 1).noneMatch(s -> bk.isBackupSegment(s.number())))
                        .as("segments from the input before").isTrue();
            }
        } finally {
            sender.close();
        }
        String playlist = Tools.getText(http + "bk/mono.m3u8");
        assertThat(playlist.split("#EXT-X-DISCONTINUITY\n", -1)).as("both switches marked: " + playlist)
                .hasSizeGreaterThanOrEqualTo(3);
        Tools.Result probe = Tools.run(Duration.ofSeconds(30), "ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name", "-of", "csv=p=0", rtmpOut.toString());
        assertThat(probe.out()).contains("h264", "aac");
    }
}
