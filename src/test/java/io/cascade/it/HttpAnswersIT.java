package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.http.RawSockets;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What players and browsers get from a running server's HTTP port on real streams: Range on
 * segments and inits, HEAD, CORS preflight, Date, gzip of playlists, manifests and JSON, and the
 * connection limits and request timeout of the config.
 */
class HttpAnswersIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    static CascadeServer server;
    static String base;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = HttpAnswersIT.class.getResourceAsStream("/demo/demo.mp4")) {
            Files.copy(in, dir.resolve("demo.mp4"));
        }
        port = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                max_connections_per_ip 20;
                request_timeout 1.5;
                stream demo { input file://demo.mp4; }
                """.formatted(port));
        server = new CascadeServer(ConfigLoader.load(conf), dir, 5_000);
        base = "http://127.0.0.1:" + port + "/";
        Tools.await(Duration.ofSeconds(30), "demo to have 2 segments",
                () -> server.streams().find("demo").orElseThrow().store().closedSegments().size() >= 2);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** The first segment URI a media playlist lists. */
    private static String firstSegment(String playlist) throws Exception {
        String text = new String(send("GET", "demo/" + playlist).body(), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
    }

    @Test
    void aTsSegmentAnswersOneRangeWithTheSameBytes() throws Exception {
        String segment = "demo/" + firstSegment("mono.m3u8");
        HttpResponse<byte[]> whole = send("GET", segment);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(header(whole, "Accept-Ranges")).isEqualTo("bytes");
        int size = whole.body().length;

        HttpResponse<byte[]> part = send("GET", segment, "Range", "bytes=0-187");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(header(part, "Content-Range")).isEqualTo("bytes 0-187/" + size);
        assertThat(part.body()).hasSize(188).isEqualTo(Arrays.copyOf(whole.body(), 188));
        assertThat(part.body()[0]).isEqualTo((byte) 0x47);

        HttpResponse<byte[]> tail = send("GET", segment, "Range", "bytes=-376");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole.body(), size - 376, size));

        HttpResponse<byte[]> past = send("GET", segment, "Range", "bytes=" + size + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(header(past, "Content-Range")).isEqualTo("bytes */" + size);
    }

    @ParameterizedTest
    @RequiresTools("ffmpeg")
    @ValueSource(strings = {"mono.m3u8", "mono.fmp4.m3u8"})
    void ffmpegPlaysHlsWithEverySegmentAskedForAsARange(String playlist) throws Exception {
        // ffmpeg's HTTP client asks for "Range: bytes=0-" (and so gets 206) on every request.
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "trace",
                "-i", base + "demo/" + playlist, "-t", "5", "-c", "copy", "-f", "null", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        String segmentSuffix = playlist.equals("mono.m3u8") ? ".ts HTTP/1.1" : ".m4s HTTP/1.1";
        assertThat(r.err().lines().filter(l -> l.contains("request: GET") && l.contains(segmentSuffix)).count())
                .as("segments fetched").isGreaterThanOrEqualTo(2);
        assertThat(r.err()).contains("Range: bytes=0-").contains("header='HTTP/1.1 206 Partial Content'");
    }

    @Test
    void initAndFmp4SegmentsAnswerRanges() throws Exception {
        HttpResponse<byte[]> init = send("GET", "demo/init.mp4", "Range", "bytes=4-7");
        assertThat(init.statusCode()).isEqualTo(206);
        assertThat(new String(init.body(), StandardCharsets.US_ASCII)).isEqualTo("ftyp");

        String segment = "demo/" + firstSegment("mono.fmp4.m3u8");
        HttpResponse<byte[]> whole = send("GET", segment);
        HttpResponse<byte[]> open = send("GET", segment, "Range", "bytes=100-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, whole.body().length));
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        String segment = "demo/" + firstSegment("mono.m3u8");
        for (String path : List.of(segment, "demo/init.mp4", "demo/index.m3u8", "demo/mono.m3u8", "demo/index.mpd",
                "streamer/api/v3/streams/demo", "demo/nothing.m3u8")) {
            HttpResponse<byte[]> get = send("GET", path);
            HttpResponse<byte[]> head = send("HEAD", path);
            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
            assertThat(head.body()).as(path).isEmpty();
            assertThat(header(head, "Content-Type")).as(path).isEqualTo(header(get, "Content-Type"));
            assertThat(header(head, "Date")).as(path).isNotNull();
        }
        assertThat(header(send("HEAD", segment), "Content-Length"))
                .isEqualTo(String.valueOf(send("GET", segment).body().length));
    }

    @Test
    void aPreflightWithAnAuthorizationHeaderIsAllowed() throws Exception {
        HttpResponse<byte[]> r = send("OPTIONS", "demo/index.mpd", "Origin", "https://player.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(r, "Access-Control-Allow-Methods")).contains("GET").contains("HEAD");
        assertThat(header(r, "Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo/index.m3u8", "demo/mono.m3u8", "demo/index.fmp4.m3u8", "demo/index.mpd",
            "streamer/api/v3/streams"})
    void textIsGzippedWhenAsked(String path) throws Exception {
        HttpResponse<byte[]> plain = send("GET", path);
        HttpResponse<byte[]> gz = send("GET", path, "Accept-Encoding", "gzip");
        assertThat(header(gz, "Vary")).isEqualToIgnoringCase("Accept-Encoding");
        assertThat(header(plain, "Vary")).isEqualToIgnoringCase("Accept-Encoding");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        byte[] body = gz.body();
        if ("gzip".equals(header(gz, "Content-Encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        } else {
            assertThat(body.length).as("only a tiny body goes uncompressed").isLessThan(256);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith(path.endsWith(".mpd") ? "<?xml" : path.endsWith("streams") ? "{" : "#EXTM3U");
    }

    @Test
    void segmentsAreNeverGzipped() throws Exception {
        String segment = "demo/" + firstSegment("mono.m3u8");
        assertThat(send("GET", segment, "Accept-Encoding", "gzip").headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void theConfiguredRequestTimeoutAndPerIpLimitApply() throws Exception {
        List<Socket> held = new ArrayList<>();
        // The HTTP client of the other tests may keep connections of its own open.
        int before = server.connectionGate().open();
        try {
            Socket trickler = RawSockets.connect(port, held);
            RawSockets.send(trickler, "GET /demo/index.m3u8 HTTP/1.1\r\n");
            for (int i = 0; i < 6; i++) {
                Thread.sleep(400);
                try {
                    RawSockets.send(trickler, "X-" + i + ": y\r\n");
                } catch (SocketException closed) {
                    break;
                }
            }
            assertThat(RawSockets.closedByServer(trickler)).as("a trickler after 2.4 s with request_timeout 1.5").isTrue();
            trickler.close();
            held.clear();
            Tools.await(Duration.ofSeconds(5), "the trickler to be gone", () -> server.connectionGate().open() <= before);
            int free = 20 - server.connectionGate().open();
            for (int i = 0; i < free; i++) {
                RawSockets.connect(port, held);
            }
            Tools.await(Duration.ofSeconds(5), "20 connections", () -> server.connectionGate().open() == 20);
            Socket extra = RawSockets.connect(port, held);
            assertThat(RawSockets.closedByServer(extra)).as("the 21st connection from one address").isTrue();
            Socket first = held.get(0);
            RawSockets.send(first, "GET /demo/index.m3u8 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawSockets.readResponse(first)).startsWith("HTTP/1.1 200");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
