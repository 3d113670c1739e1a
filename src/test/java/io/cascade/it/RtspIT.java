package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.rtp.NtpTime;
import io.cascade.rtp.RtcpSenderReport;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTSP with the real clients: ffmpeg records over RTP/TCP and RTP/UDP from a file stream, a
 * published stream, an H.265 stream and a restreamer; ffprobe checks the B-frame timing; a small
 * client of ours compares sender reports of origin and restreamer and sends what no client should.
 * The recordings run together in the background while the other tests run.
 */
@RequiresTools
class RtspIT {
    static final String KEY = "rtsp-Cluster-Key-31c9";
    static final int SECONDS = 12;

    @TempDir
    static Path dir;
    static CascadeServer origin;
    static CascadeServer edge;
    static Tools.Background publisher;
    static final Map<String, Tools.Background> recordings = new LinkedHashMap<>();
    static int rtsp;
    static int edgeRtsp;

    @BeforeAll
    static void start() throws Exception {
        Path clip = Tools.makeClip(dir, "clip.mp4", 6, "640x360", "mp4");
        clip("bframes.mp4", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-x264-params", "b-adapt=0",
                "-g", "25", "-keyint_min", "25", "-sc_threshold", "0");
        clip("hevc.mp4", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:bframes=0:keyint=25:min-keyint=25:scenecut=0");
        rtsp = Tools.freePort();
        int rtmp = Tools.freePort();
        origin = server("origin.conf", """
                http %d;
                rtmp %d;
                rtsp %d;
                cluster_key %s;
                stream clip { input file://clip.mp4; }
                stream bframes { input file://bframes.mp4; }
                stream hevc { input file://hevc.mp4; }
                stream cam { input publish://; }
                stream news/one { input file://clip.mp4; }
                stream lazy { input file://clip.mp4; ondemand; }
                """.formatted(Tools.freePort(), rtmp, rtsp, KEY));
        edgeRtsp = Tools.freePort();
        edge = server("edge.conf", """
                http %d;
                rtsp %d;
                cluster_key %s;
                source 127.0.0.1:%d { only clip; }
                """.formatted(Tools.freePort(), edgeRtsp, KEY, origin.httpPort()));
        publisher = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + rtmp + "/static/cam");
        for (String name : List.of("clip", "hevc", "cam")) {
            awaitSegments(origin, name, 1);
        }
        awaitSegments(edge, "clip", 1);
        record("tcp-clip", "tcp", url(rtsp, "clip"));
        record("udp-clip", "udp", url(rtsp, "clip"));
        record("tcp-cam", "tcp", url(rtsp, "cam"));
        record("udp-cam", "udp", url(rtsp, "cam"));
        record("tcp-hevc", "tcp", url(rtsp, "hevc"));
        record("tcp-edge", "tcp", url(edgeRtsp, "clip"));
        record("udp-edge", "udp", url(edgeRtsp, "clip"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Tools.Background b : recordings.values()) {
            b.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        for (CascadeServer s : new CascadeServer[]{edge, origin}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static void clip(String name, String... video) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "6", "-map", "0:v", "-map", "1:a", "-pix_fmt", "yuv420p"));
        cmd.addAll(List.of(video));
        cmd.addAll(List.of("-c:a", "aac", "-b:a", "64k", "-ar", "48000", "-ac", "2", dir.resolve(name).toString()));
        Tools.Result r = Tools.run(Duration.ofSeconds(120), cmd.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private static CascadeServer server(String file, String config) throws Exception {
        Path conf = dir.resolve(file);
        Files.writeString(conf, config);
        return new CascadeServer(ConfigLoader.load(conf), dir);
    }

    private static void awaitSegments(CascadeServer s, String name, int n) throws InterruptedException {
        Tools.await(Duration.ofSeconds(30), name + " to have segments", () -> s.streams().find(name)
                .map(l -> l.store().closedSegments().size() >= n).orElse(false));
    }

    static String url(int port, String name) {
        return "rtsp://127.0.0.1:" + port + "/" + name;
    }

    private static void record(String what, String transport, String url) throws Exception {
        recordings.put(what, Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-rtsp_transport", transport, "-i", url, "-c", "copy", "-t", String.valueOf(SECONDS),
                dir.resolve(what + ".mp4").toString()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp-clip", "udp-clip", "tcp-cam", "udp-cam", "tcp-hevc", "tcp-edge", "udp-edge"})
    void recordingsOverRtspAreClean(String what) throws Exception {
        Tools.Background recorder = recordings.get(what);
        int exit = recorder.waitFor(Duration.ofSeconds(60));
        String err = recorder.errText();
        assertThat(exit).as(err).isZero();
        // "missed N packets": a gap in the RTP sequence, i.e. loss
        assertThat(err).as(what).doesNotContain("missed").doesNotContain("max delay reached");
        Tools.assertCleanRecording(dir.resolve(what + ".mp4"), err, SECONDS - 2);
    }

    @Test
    void ffprobeReadsTheCodecsOfEveryStreamAndAcceptsATokenQueryAndStartsAnOnDemandStream() throws Exception {
        // "lazy" is on demand: it has no media until this request starts it
        Map<String, String> expected = Map.of("clip", "h264", "hevc", "hevc", "news/one", "h264", "clip?token=abc%20d", "h264",
                "lazy", "h264");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String json = probe(url(rtsp, e.getKey()));
            assertThat(json).as(e.getKey()).contains("\"codec_name\": \"" + e.getValue() + "\"")
                    .contains("\"codec_name\": \"aac\"").contains("\"sample_rate\": \"48000\"");
        }
        assertThat(probe(url(edgeRtsp, "clip"))).contains("\"codec_name\": \"h264\"");
    }

    private static String probe(String url) throws Exception {
        Tools.Result r = Tools.run(Duration.ofSeconds(30), "ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-print_format", "json", "-show_streams", url);
        assertThat(r.exit()).as(url + ": " + r.err()).isZero();
        return r.out();
    }

    @Test
    void bFramesArriveInDecodeOrderWithTheirPresentationTimes() throws Exception {
        List<long[]> source = videoPackets(dir.resolve("bframes.mp4").toString(), false);
        List<long[]> received = videoPackets(url(rtsp, "bframes"), true);
        assertThat(received.size()).isGreaterThan(60);
        // ffmpeg's RTSP demuxer leaves the first packet without timestamps, whatever the server
        List<long[]> timed = received.subList(1, received.size());
        long reordered = timed.stream().filter(p -> p[1] != Long.MIN_VALUE && p[0] != p[1]).count();
        assertThat(reordered).as("packets whose PTS is not their DTS").isGreaterThan(20);
        long lastDts = Long.MIN_VALUE;
        for (long[] p : timed) {
            assertThat(p[0]).as("every PTS is set").isNotEqualTo(Long.MIN_VALUE);
            if (p[1] != Long.MIN_VALUE) {
                assertThat(p[1]).as("DTS rises").isGreaterThan(lastDts);
                lastDts = p[1];
            }
        }
        // the same picture order as the source: PTS steps in decode order, from the keyframe on
        List<Long> sourceSteps = steps(source.subList(1, 40));
        List<Long> receivedSteps = steps(timed.subList(0, 39));
        assertThat(receivedSteps).isEqualTo(sourceSteps);
        List<Long> sorted = timed.stream().map(p -> p[0]).sorted().toList();
        for (int i = 1; i < sorted.size() - 3; i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("presentation times 40 ms apart").isEqualTo(3600);
        }
    }

    private static List<Long> steps(List<long[]> packets) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < packets.size(); i++) {
            out.add(packets.get(i)[0] - packets.get(i - 1)[0]);
        }
        return out;
    }

    /** PTS and DTS (in 90 kHz ticks; MIN_VALUE when unset) of the video packets, in decode order. */
    private static List<long[]> videoPackets(String input, boolean live) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        if (live) {
            cmd.addAll(List.of("-rtsp_transport", "tcp", "-read_intervals", "%+4"));
        }
        cmd.addAll(List.of("-select_streams", "v", "-show_entries", "packet=pts_time,dts_time", "-of", "csv=p=0", input));
        Tools.Result r = Tools.run(Duration.ofSeconds(30), cmd.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        List<long[]> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length >= 2) {
                out.add(new long[]{ticks(f[0]), ticks(f[1])});
            }
        }
        return out;
    }

    private static long ticks(String v) {
        return v.equals("N/A") ? Long.MIN_VALUE : Math.round(Double.parseDouble(v.trim()) * 90_000);
    }

    @Test
    void senderReportsGiveTheSameWallclockForTheSameRtpTimeOnOriginAndRestreamer() throws Exception {
        RtcpSenderReport o = firstVideoReport(rtsp);
        RtcpSenderReport e = firstVideoReport(edgeRtsp);
        long originMicros = NtpTime.toUnixMicros(o.ntpTime());
        long edgeMicros = NtpTime.toUnixMicros(e.ntpTime());
        // the restreamer's wallclock for the origin's RTP timestamp, along the 90 kHz clock
        int ticks = (int) (o.rtpTimestamp() - e.rtpTimestamp());
        long edgeAtOrigin = edgeMicros + ticks * 1000L / 90;
        assertThat(Math.abs(edgeAtOrigin - originMicros)).as("µs apart").isLessThanOrEqualTo(1000);
        long nowMicros = System.currentTimeMillis() * 1000;
        assertThat(Math.abs(nowMicros - originMicros)).as("the NTP time is the stream's UTC time")
                .isLessThan(30_000_000L);
        // and the RTP timestamp is that UTC time in 90 kHz ticks, modulo 2^32
        long utcTicks = Math.floorDiv(originMicros * 9, 100);
        assertThat(Math.abs((int) (utcTicks - o.rtpTimestamp()))).isLessThanOrEqualTo(1);
    }

    private static RtcpSenderReport firstVideoReport(int port) throws Exception {
        try (RtspTestClient c = new RtspTestClient(port)) {
            String url = url(port, "clip");
            RtspTestClient.Response d = c.request("DESCRIBE", url, "Accept: application/sdp");
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.body()).contains("m=video", "a=control:trackID=1", "sprop-parameter-sets=");
            RtspTestClient.Response s = c.request("SETUP", url + "/trackID=1",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(s.status()).isEqualTo(200);
            String session = s.headers().get("session").split(";")[0];
            assertThat(s.headers().get("session")).endsWith(";timeout=60");
            RtspTestClient.Response p = c.request("PLAY", url, "Session: " + session, "Range: npt=now-");
            assertThat(p.status()).isEqualTo(200);
            return c.nextSenderReport(1, 2000);
        }
    }

    @Test
    void badRequestsGetTheirStatusAndOnlyTheWorstEndTheConnection() throws Exception {
        String url = url(rtsp, "clip");
        try (RtspTestClient c = new RtspTestClient(rtsp)) {
            c.sendRaw(new byte[]{0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, '\r', '\n', '\r', '\n'});
            assertThat(c.readResponse().status()).as("garbage").isEqualTo(400);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RtspTestClient c = new RtspTestClient(rtsp)) {
            StringBuilder huge = new StringBuilder("OPTIONS " + url + " RTSP/1.0\r\nCSeq: 1\r\n");
            for (int i = 0; i < 100; i++) {
                huge.append("X-Filler-").append(i).append(": ").append("y".repeat(200)).append("\r\n");
            }
            c.sendRaw(huge.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readResponse().status()).as("huge header").isEqualTo(431);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RtspTestClient c = new RtspTestClient(rtsp)) {
            assertThat(c.request("FOO", url).status()).isEqualTo(501);
            assertThat(c.request("OPTIONS", url).headers().get("public")).contains("DESCRIBE", "SETUP", "PLAY",
                    "GET_PARAMETER");
            assertThat(c.request("DESCRIBE", url(rtsp, "nosuch")).status()).isEqualTo(404);
            assertThat(c.request("DESCRIBE", url(rtsp, "../clip")).status()).isEqualTo(404);
            assertThat(c.request("PLAY", url).status()).as("PLAY before SETUP").isEqualTo(455);
            assertThat(c.request("SETUP", url + "/trackID=99", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1")
                    .status()).as("unknown track").isEqualTo(404);
            assertThat(c.request("SETUP", url + "/trackID=1", "Transport: RTP/AVP;multicast").status())
                    .isEqualTo(461);
            RtspTestClient.Response s = c.request("SETUP", url + "/trackID=1",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(s.status()).isEqualTo(200);
            assertThat(c.request("PLAY", url, "Session: 0123456789").status()).isEqualTo(454);
            String session = s.headers().get("session").split(";")[0];
            assertThat(c.request("GET_PARAMETER", url, "Session: " + session).status()).isEqualTo(200);
            // RTP on a channel this connection did not set up
            c.sendRaw(new byte[]{'$', 4, 0, 4, 1, 2, 3, 4});
            assertThat(c.closedByServer()).as("interleaved abuse").isTrue();
        }
        try (RtspTestClient c = new RtspTestClient(rtsp)) {
            c.sendRaw(("OPTIONS " + url + " RTSP/2.0\r\nCSeq: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readResponse().status()).isEqualTo(505);
        }
        try (RtspTestClient c = new RtspTestClient(rtsp)) {
            RtspTestClient.Response d = c.request("DESCRIBE", url + "?token=T1");
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.headers().get("content-base")).isEqualTo(url + "?token=T1/");
            // what ffmpeg sends: the control appended after the query
            assertThat(c.request("SETUP", url + "?token=T1/trackID=2", "Transport: RTP/AVP/TCP;unicast;interleaved=2-3")
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void vlcPlaysOverRtsp() throws Exception {
        Vlc.requireInstalled();
        Tools.Result modules = Tools.run(Duration.ofSeconds(30), "cvlc", "--list");
        Assumptions.assumeTrue(modules.out().contains("live555"),
                "this VLC is built without live555 (Debian's is), so it has no RTSP client");
        Vlc.Run run = Vlc.play(url(rtsp, "clip"), 8);
        assertThat(run.framesDecoded()).as(PlayerProcess.tail(run.log(), 2000)).isGreaterThanOrEqualTo(100);
    }
}
