package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.mpegts.TsContinuity;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP MPEG-TS ({@code /NAME/mpegts}) and UDP push with the real clients, on one origin and one
 * restreamer of it. Every recording runs at once, started before the tests, to keep the wall time
 * to one recording's length: ffmpeg records {@code /mpegts} of a looping file stream, of a stream
 * published over RTMP and of the file stream on the restreamer; VLC plays {@code /mpegts}; the
 * bytes of one viewer are checked for continuity as they came.
 */
@RequiresTools
class MpegTsOutputIT {
    static final int RECORD_SECONDS = 12;
    static final double MIN_RECORDED = 10;

    @TempDir
    static Path dir;
    static final List<CascadeServer> servers = new ArrayList<>();
    static final List<Tools.Background> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    static CascadeServer origin;
    static CascadeServer restreamer;
    static final Map<String, Tools.Background> recordings = new LinkedHashMap<>();
    static CompletableFuture<Vlc.Run> vlc = CompletableFuture.failedFuture(new IllegalStateException("VLC is not installed"));
    static CompletableFuture<Vlc.Run> vlcUdp = vlc;
    static CompletableFuture<byte[]> rawViewer;
    static CompletableFuture<byte[]> lazyViewer;
    static CompletableFuture<Void> republished;
    static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> pushLog =
            new ch.qos.logback.core.read.ListAppender<>();
    static final String BROKEN_PUSH = "udp://239.255.9.9:5009?iface=nosuchif0";
    static CompletableFuture<List<UdpCapture.Datagram>> udpCapture;
    static Tools.Background multicast;
    static String multicastSkip;
    static Path multicastLog;

    @BeforeAll
    static void start() throws Exception {
        Path clip = clip(dir.resolve("clip.mp4"));
        int rtmpPort = Tools.freePort();
        int ffmpegPort = Tools.freePort();
        int vlcPort = Tools.freePort();
        UdpCapture capture = UdpCapture.bind();
        pushLog.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.cascade.tsout.UdpPush")).addAppender(pushLog);
        startMulticastInANamespace();
        origin = server("""
                cluster_key %s;
                rtmp %d;
                segment_duration 2;
                stream tv {
                  input file://clip.mp4;
                  push udp://127.0.0.1:%d;
                  push udp://127.0.0.1:%d?ttl=2;
                  push %s;
                  push udp://127.0.0.1:%d;
                }
                stream cam { input publish://; }
                stream cam2 { input publish://; }
                stream lazy { input file://clip.mp4; ondemand; }
                stream pushedlazy { input file://clip.mp4; ondemand; push udp://127.0.0.1:%d; }
                """.formatted(ClusterIT.KEY, rtmpPort, ffmpegPort, capture.port(), BROKEN_PUSH, vlcPort, Tools.freePort()));
        udpCapture = capture.recordInBackground(Duration.ofSeconds(RECORD_SECONDS));
        recordings.put("udp", Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", "udp://127.0.0.1:" + ffmpegPort + "?fifo_size=100000&overrun_nonfatal=1",
                "-c", "copy", "-t", String.valueOf(RECORD_SECONDS), dir.resolve("udp.ts").toString()));
        restreamer = server("cluster_key %s;\nsource 127.0.0.1:%d;\n".formatted(ClusterIT.KEY, origin.httpPort()));
        publish(clip, rtmpPort, "cam");
        Tools.Background firstPublisher = publish(clip, rtmpPort, "cam2");
        awaitSegments(origin, "tv", 1);
        awaitSegments(origin, "cam", 1);
        awaitSegments(restreamer, "tv", 1);
        record("file", url(origin, "tv"));
        record("published", url(origin, "cam"));
        record("restreamer", url(restreamer, "tv"));
        awaitSegments(origin, "cam2", 1);
        record("republished", url(origin, "cam2"));
        republished = CompletableFuture.runAsync(() -> {
            try { // the publisher goes away mid-recording and another takes its place: a discontinuity
                Thread.sleep(4_000);
                firstPublisher.close();
                Thread.sleep(500);
                publish(clip, rtmpPort, "cam2");
                awaitDiscontinuity(origin, "cam2"); // seen now: by the time the test runs it may have left the window
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> Thread.ofVirtual().start(task));
        rawViewer = CompletableFuture.supplyAsync(() -> readFor(url(origin, "tv"), Duration.ofSeconds(RECORD_SECONDS)),
                task -> Thread.ofVirtual().start(task));
        lazyViewer = CompletableFuture.supplyAsync(() -> readFor(url(origin, "lazy"), Duration.ofSeconds(RECORD_SECONDS)),
                task -> Thread.ofVirtual().start(task));
        if (Vlc.installed()) {
            vlc = Vlc.playInBackground(url(origin, "tv"), RECORD_SECONDS + 3);
            vlcUdp = Vlc.playInBackground("udp://@127.0.0.1:" + vlcPort, RECORD_SECONDS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        vlc.handle((r, e) -> r).join();
        vlcUdp.handle((r, e) -> r).join();
        if (republished != null) {
            republished.handle((r, e) -> r).join();
        }
        for (Tools.Background b : recordings.values()) {
            b.close();
        }
        for (Tools.Background b : processes) {
            b.close();
        }
        servers.forEach(CascadeServer::close);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file", "published", "restreamer"})
    void ffmpegRecordsHttpMpegTsWithoutTimestampComplaints(String which) throws Exception {
        Tools.Background b = recordings.get(which);
        int exit = b.waitFor(Duration.ofSeconds(RECORD_SECONDS + 30));
        assertThat(exit).as(which + ": ffmpeg\n" + b.errText()).isZero();
        Tools.assertCleanRecording(dir.resolve(which + ".ts"), b.errText(), MIN_RECORDED);
    }

    @Test
    void ffmpegRecordsAcrossAPublisherRestartWithoutTimestampComplaints() throws Exception {
        republished.get(); // fails unless the restart was a discontinuity
        ffmpegRecordsHttpMpegTsWithoutTimestampComplaints("republished");
    }

    @Test
    void ffprobeReadsTheCodecsOfHttpMpegTsOnTheRestreamer() throws Exception {
        String json = Tools.ffprobeJson(url(restreamer, "tv"));
        assertThat(json).contains("\"codec_name\": \"h264\"").contains("\"codec_name\": \"aac\"");
    }

    @Test
    void oneViewersBytesAreContinuousAndStartWithTheTablesOnAKeyframe() throws Exception {
        byte[] got = rawViewer.get();
        assertThat(got.length).as("bytes received").isGreaterThan(100_000);
        byte[] whole = java.util.Arrays.copyOf(got, got.length - got.length % 188);
        assertThat(TsContinuity.breaks(whole)).isEmpty();
        assertThat(pid(whole, 0)).as("first packet: PAT").isZero();
        assertThat(pid(whole, 188)).as("second packet: PMT").isEqualTo(0x1000);
        assertThat(whole[2 * 188 + 5] & 0x40).as("random access indicator of the third packet").isNotZero();
        assertThat(TsContinuity.payloadPackets(whole).get(0)).as("PAT repeated").isGreaterThanOrEqualTo(4);
    }

    @Test
    void vlcPlaysHttpMpegTsWithoutDiscontinuities() throws Exception {
        Vlc.requireInstalled();
        Vlc.Run run = vlc.get();
        assertThat(run.linesWith("discontinuity received")).isEmpty();
        assertThat(run.linesWith("TS duplicate")).isEmpty();
        assertThat(run.linesWith("TS discontinuity")).isEmpty();
        assertThat(run.framesDecoded()).as("frames decoded (25 a second)\n" + PlayerProcess.tail(run.log(), 3000))
                .isGreaterThanOrEqualTo(8 * 25);
    }

    @Test
    void ffmpegRecordsAUdpPush() throws Exception {
        ffmpegRecordsHttpMpegTsWithoutTimestampComplaints("udp");
    }

    @Test
    void theUdpPushIsPacedWithPcrsEvery40MsAndContinuousCounters() throws Exception {
        List<UdpCapture.Datagram> got = udpCapture.get();
        assertThat(got.size()).as("datagrams").isGreaterThan(100);
        assertThat(got).allMatch(d -> d.bytes().length == 7 * 188, "datagrams of 7 TS packets");
        byte[] all = UdpCapture.joined(got);
        assertThat(TsContinuity.breaks(all)).isEmpty();
        assertThat(UdpCapture.largestPcrGap(all)).as("largest PCR gap, 90 kHz").isPositive().isLessThanOrEqualTo(3_600);
        long lead = UdpCapture.leastDecodeLead(all);
        System.out.println("UDP push: least DTS - PCR " + lead / 90 + " ms");
        assertThat(lead).as("least DTS - PCR, 90 kHz: no frame comes after it is due").isPositive();
        double ratio = UdpCapture.busiestWindowRatio(got, Duration.ofMillis(100));
        assertThat(ratio).as("busiest 100 ms over the average 100 ms").isLessThanOrEqualTo(2.0);
    }

    @Test
    void aPushThatCannotStartSaysWhyOnceWhileItKeepsTryingAndTheOthersGoOn() throws Exception {
        Tools.await(Duration.ofSeconds(10), "the broken push's log line", () -> failures().size() >= 1);
        Thread.sleep(3_000); // three more attempts, a second apart
        assertThat(failures()).as("rate-limited").hasSize(1);
        assertThat(failures().getFirst()).contains("stream tv").contains("no network interface nosuchif0")
                .contains("restarting");
        assertThat(udpCapture.get()).as("the other pushes of the stream").isNotEmpty();
    }

    private static List<String> failures() {
        synchronized (pushLog) {
            return pushLog.list.stream().map(e -> e.getFormattedMessage()).filter(m -> m.contains(BROKEN_PUSH)
                    && m.contains("failed")).toList();
        }
    }

    @Test
    void ffmpegRecordsAMulticastPushInANetworkNamespace() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(multicastSkip == null, multicastSkip);
        int exit = multicast.waitFor(Duration.ofSeconds(RECORD_SECONDS + 40));
        String log = Files.exists(multicastLog) ? Files.readString(multicastLog) : "";
        assertThat(exit).as("the namespace script\n" + multicast.errText() + "\n" + log).isZero();
        Tools.assertCleanRecording(dir.resolve("multicast.ts"), multicast.errText(), MIN_RECORDED - 2);
    }

    /**
     * A second server, as its own process, in a network namespace of its own (root only: {@code
     * unshare -n}) where loopback carries multicast, pushing to a group ffmpeg records from there.
     */
    private static void startMulticastInANamespace() throws Exception {
        if (!PlayerProcess.onPath("unshare") || !PlayerProcess.onPath("ip")) {
            multicastSkip = "unshare and ip (util-linux, iproute2) are needed to make a network namespace";
            return;
        }
        Tools.Result probe = Tools.run(Duration.ofSeconds(10), "unshare", "-n", "sh", "-c",
                "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo");
        if (probe.exit() != 0) {
            multicastSkip = "cannot make a network namespace with multicast on loopback (needs root): " + probe.err().strip();
            return;
        }
        Path conf = dir.resolve("multicast.conf");
        Files.writeString(conf, """
                http 18080;
                segment_duration 2;
                stream mc {
                  input file://clip.mp4;
                  push udp://239.255.7.7:5007?ttl=1&multicast_loop=1&iface=lo;
                }
                """);
        multicastLog = dir.resolve("multicast-server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = String.join("\n",
                "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo || exit 3",
                // timeouts of their own: a killed test leaves nothing running in the namespace
                "timeout 90 '" + java + "' -cp '" + System.getProperty("java.class.path") + "' io.cascade.Main '" + conf
                        + "' > '" + multicastLog + "' 2>&1 &",
                "server=$!",
                "timeout 60 ffmpeg -hide_banner -loglevel warning -y -i 'udp://239.255.7.7:5007?fifo_size=100000&overrun_nonfatal=1'"
                        + " -c copy -t " + (RECORD_SECONDS - 2) + " '" + dir.resolve("multicast.ts") + "'",
                "status=$?",
                "kill $server",
                "exit $status");
        multicast = Tools.background("unshare", "-n", "sh", "-c", script);
        processes.add(multicast);
    }

    @Test
    void anOnDemandStreamRunsWhileAnHttpMpegTsViewerWatchesLongerThanTheIdleTimeout() throws Exception {
        byte[] got = lazyViewer.get();
        byte[] whole = java.util.Arrays.copyOf(got, got.length - got.length % 188);
        // one PAT a segment: the 2 s segments kept coming for the whole 12 s, not the 3 s idle timeout
        assertThat(TsContinuity.payloadPackets(whole).getOrDefault(0, 0)).as("segments received").isGreaterThanOrEqualTo(4);
    }

    @Test
    void anOnDemandStreamThatIsPushedKeepsRunningWithNoViewer() throws Exception {
        awaitSegments(origin, "pushedlazy", 5); // 10 s of segments: far past the 3 s idle timeout
        assertThat(origin.streams().find("pushedlazy").orElseThrow().isAlive()).isTrue();
    }

    @Test
    void vlcPlaysTheUdpPush() throws Exception {
        Vlc.requireInstalled();
        Vlc.Run run = vlcUdp.get();
        // VLC runs unprivileged on a busy machine: a pause of its input thread loses datagrams in
        // the socket, so continuity is judged on what is sent (the capture test), not here.
        assertThat(run.linesWith("TS duplicate")).isEmpty();
        assertThat(run.framesDecoded()).as("frames decoded (25 a second)\n" + PlayerProcess.tail(run.log(), 3000))
                .isGreaterThanOrEqualTo(6 * 25);
    }

    @Test
    void anUnknownStreamIs404() throws Exception {
        assertThat(Tools.get(url(origin, "nosuch")).statusCode()).isEqualTo(404);
    }

    /**
     * An 8 s H.264 + AAC clip of about 1.5 Mbit/s: enough datagrams in every 100 ms (about 15) that
     * the pacing is judged on the sender, not on one scheduling hiccup of the receiving thread.
     */
    private static Path clip(Path file) throws Exception {
        Tools.Result r = Tools.run(Duration.ofSeconds(120), "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "8", "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-b:v", "1500k", "-maxrate", "1500k", "-bufsize", "1500k",
                "-c:a", "aac", "-b:a", "64k", "-ac", "2", file.toString());
        assertThat(r.exit()).as("ffmpeg makes the clip: " + r.err()).isZero();
        return file;
    }

    private static int pid(byte[] ts, int off) {
        return ((ts[off + 1] & 0x1f) << 8) | (ts[off + 2] & 0xff);
    }

    private static Tools.Background publish(Path clip, int rtmpPort, String stream) throws Exception {
        Tools.Background p = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/static/" + stream);
        processes.add(p);
        return p;
    }

    private static void record(String name, String url) throws Exception {
        recordings.put(name, Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-y", "-i", url,
                "-c", "copy", "-t", String.valueOf(RECORD_SECONDS), dir.resolve(name + ".ts").toString()));
    }

    /** What an HTTP client reads from {@code url} in {@code time}. */
    static byte[] readFor(String url, Duration time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpClient client = HttpClient.newHttpClient();
        try (InputStream in = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            long end = System.nanoTime() + time.toNanos();
            byte[] buf = new byte[65536];
            int n;
            while (System.nanoTime() < end && (n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static String url(CascadeServer s, String stream) {
        return "http://127.0.0.1:" + s.httpPort() + "/" + stream + "/mpegts";
    }

    static void awaitDiscontinuity(CascadeServer s, String stream) throws InterruptedException {
        Tools.await(Duration.ofSeconds(20), "a discontinuity in " + stream, () -> s.streams().find(stream)
                .map(l -> l.store().closedSegments().stream().anyMatch(io.cascade.media.Segment::discontinuity)).orElse(false));
    }

    static void awaitSegments(CascadeServer s, String stream, int n) throws InterruptedException {
        Tools.await(Duration.ofSeconds(30), n + " segments of " + stream + " on port " + s.httpPort(),
                () -> s.streams().find(stream).map(l -> l.store().closedSegments().size() >= n).orElse(false));
    }

    static CascadeServer server(String body) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + Tools.freePort() + ";\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 3_000);
        servers.add(s);
        return s;
    }
}
