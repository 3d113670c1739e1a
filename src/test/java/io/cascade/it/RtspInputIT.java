package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code input rtsp://} against real RTSP servers: Cascade pulls over TCP and over UDP from
 * another Cascade's RTSP output, and over UDP from VLC's RTSP server (its RTP sout offers no
 * interleaving; when VLC is installed); ffprobe reads
 * the pulled streams over HLS. A server answering garbage fails only its own stream's input.
 */
@RequiresTools
class RtspInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static CascadeServer origin;
    static CascadeServer edge;
    static Tools.Background vlc;
    static ServerSocket garbage;
    static boolean vlcRuns;

    @BeforeAll
    static void start() throws Exception {
        Path clip = Tools.makeClip(dir, "clip.mp4", 6, "640x360", "mp4");
        int rtsp = Tools.freePort();
        origin = server("origin.conf", """
                http %d;
                rtsp %d;
                stream clip { input file://clip.mp4; }
                """.formatted(Tools.freePort(), rtsp));
        garbage = new ServerSocket(0);
        Thread.ofVirtual().start(RtspInputIT::answerGarbage);
        int vlcPort = Tools.freePort();
        vlcRuns = Vlc.installed();
        if (vlcRuns) {
            vlc = serveWithVlc(clip, vlcPort);
        }
        edge = server("edge.conf", """
                http %d;
                stream tcp { input rtsp://127.0.0.1:%d/clip; }
                stream udp { input rtsp://127.0.0.1:%d/clip transport=udp; }
                stream vlc { input rtsp://127.0.0.1:%d/x transport=udp; }
                stream bad { input rtsp://127.0.0.1:%d/x; }
                """.formatted(Tools.freePort(), rtsp, rtsp, vlcPort, garbage.getLocalPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (origin != null) {
            origin.close();
        }
        if (vlc != null) {
            vlc.close();
        }
        if (garbage != null) {
            garbage.close();
        }
    }

    private static CascadeServer server(String file, String config) throws Exception {
        Path conf = dir.resolve(file);
        Files.writeString(conf, config);
        return new CascadeServer(ConfigLoader.load(conf), dir);
    }

    /** VLC's own RTSP server (RTP sout with an RTSP SDP, AAC as MP4A-LATM), as an unprivileged user when the tests run as root. */
    private static Tools.Background serveWithVlc(Path clip, int port) throws Exception {
        Path home = Files.createTempDirectory("cascade-vlc-rtsp");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path copy = Files.copy(clip, home.resolve("clip.mp4"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        command.addAll(List.of("env", "HOME=" + home, "cvlc", "--intf", "dummy", "--loop", copy.toString(),
                "--sout", "#rtp{sdp=rtsp://127.0.0.1:" + port + "/x,mp4a-latm}", "--sout-keep"));
        return Tools.background(command.toArray(String[]::new));
    }

    /** A "server" that answers every request with bytes that are no RTSP. */
    private static void answerGarbage() {
        while (!garbage.isClosed()) {
            try (Socket s = garbage.accept(); OutputStream out = s.getOutputStream()) {
                s.getInputStream().read(new byte[512]);
                out.write("HTTP/1.1 200 OK\r\n\u0000\u0001\u0002garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (Exception e) {
                // closed at the end
            }
        }
    }

    private static void awaitSegments(String name, int n) throws InterruptedException {
        Tools.await(Duration.ofSeconds(30), name + " to have " + n + " segments", () -> edge.streams().find(name)
                .map(l -> l.store().closedSegments().size() >= n).orElse(false));
    }

    private static Map<String, JsonNode> probe(String url) throws Exception {
        Map<String, JsonNode> byType = new HashMap<>();
        for (JsonNode s : JSON.readTree(Tools.ffprobeJson(url)).get("streams")) {
            byType.putIfAbsent(s.get("codec_type").asText(), s);
        }
        return byType;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "udp", "vlc"})
    void ffprobeReadsThePulledStreamOverHls(String stream) throws Exception {
        Assumptions.assumeTrue(!stream.equals("vlc") || vlcRuns, "cvlc is not installed");
        awaitSegments(stream, 2);
        Map<String, JsonNode> streams = probe("http://127.0.0.1:" + edge.httpPort() + "/" + stream + "/index.m3u8");
        assertThat(streams).containsKeys("video", "audio");
        assertThat(streams.get("video").get("codec_name").asText()).isEqualTo("h264");
        assertThat(streams.get("video").get("width").asInt()).isEqualTo(640);
        assertThat(streams.get("video").get("height").asInt()).isEqualTo(360);
        assertThat(streams.get("audio").get("codec_name").asText()).isEqualTo("aac");
        assertThat(streams.get("audio").get("sample_rate").asText()).isEqualTo("48000");
    }

    @Test
    void theTcpPullRecordsCleanly() throws Exception {
        awaitSegments("tcp", 2);
        Path out = dir.resolve("tcp.mp4");
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", "http://127.0.0.1:" + edge.httpPort() + "/tcp/index.m3u8", "-c", "copy", "-t", "6", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Tools.assertCleanRecording(out, r.err(), 4);
    }

    @Test
    void aServerAnsweringGarbageFailsOnlyItsOwnInput() throws Exception {
        awaitSegments("tcp", 2);
        assertThat(edge.streams().find("bad").orElseThrow().store().closedSegments()).isEmpty();
        assertThat(edge.streams().find("udp").isPresent()).isTrue();
    }
}
