package io.cascade.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a real client sees from the HTTP layer: Date, ranges, HEAD, CORS, gzip. */
class HttpResponsesTest {
    private static final byte[] SEGMENT = pattern(10_000);
    private static final String PLAYLIST = "#EXTM3U\n" + "#EXTINF:2.000,\nseg.ts\n".repeat(50);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static HttpServer server;
    private static SharedBody shared;

    @BeforeAll
    static void start() throws Exception {
        shared = SharedBody.of(SEGMENT);
        Route routes = ex -> switch (ex.path()) {
            case "/seg.ts" -> {
                ex.sendBytes("video/mp2t", SEGMENT, "max-age=3600");
                yield true;
            }
            case "/shared.ts" -> {
                ex.sendShared("video/mp2t", shared, "max-age=3600");
                yield true;
            }
            case "/empty.mp4" -> {
                ex.sendBytes("video/mp4", new byte[0], "no-cache");
                yield true;
            }
            case "/list.m3u8" -> {
                ex.sendText("application/vnd.apple.mpegurl", PLAYLIST);
                yield true;
            }
            case "/push" -> {
                StreamingReply r = ex.startStreaming("application/x-m4f");
                r.write(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
                r.end();
                yield true;
            }
            default -> false;
        };
        server = new HttpServer("127.0.0.1", 0, List.of(routes));
    }

    @AfterAll
    static void stop() {
        server.close();
        shared.close();
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + i / 256);
        }
        return b;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> send(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/seg.ts", "/list.m3u8", "/nothing-here", "/push"})
    void everyResponseCarriesAnImfFixdateNearNowAndCorsHeaders(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        String date = header(r, "Date");
        assertThat(date).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        Instant t = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(Duration.between(t, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(r, "Access-Control-Expose-Headers")).contains("Content-Range").contains("Content-Length")
                .contains("Date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/seg.ts", "/shared.ts"})
    void aSingleRangeIsAnsweredWith206(String path) throws Exception {
        HttpResponse<byte[]> first = get(path, "Range", "bytes=0-187");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(header(first, "Content-Range")).isEqualTo("bytes 0-187/10000");
        assertThat(header(first, "Content-Length")).isEqualTo("188");
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 0, 188));

        HttpResponse<byte[]> open = get(path, "Range", "bytes=9000-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(header(open, "Content-Range")).isEqualTo("bytes 9000-9999/10000");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 9000, 10_000));

        HttpResponse<byte[]> suffix = get(path, "Range", "bytes=-500");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(header(suffix, "Content-Range")).isEqualTo("bytes 9500-9999/10000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 9500, 10_000));

        HttpResponse<byte[]> past = get(path, "Range", "bytes=5000-99999");
        assertThat(header(past, "Content-Range")).isEqualTo("bytes 5000-9999/10000");
        assertThat(past.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, 5000, 10_000));
    }

    @Test
    void rangesOfTheSpooledFileAreRegionsOfThatFile() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(shared.content() instanceof io.netty.channel.FileRegion) && System.nanoTime() < deadline
                && new java.io.File("/dev/shm").canWrite()) {
            Thread.sleep(10);
        }
        for (int i = 0; i < 20; i++) {
            int from = i * 499;
            HttpResponse<byte[]> r = get("/shared.ts", "Range", "bytes=" + from + "-" + (from + 300));
            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(SEGMENT, from, from + 301));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/seg.ts", "/shared.ts"})
    void aRangePastTheEndIs416WithTheLength(String path) throws Exception {
        HttpResponse<byte[]> r = get(path, "Range", "bytes=10000-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(header(r, "Content-Range")).isEqualTo("bytes */10000");
        assertThat(get(path, "Range", "bytes=-0").statusCode()).isEqualTo(416);
        assertThat(get("/empty.mp4", "Range", "bytes=0-").statusCode()).isEqualTo(416);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-6", "bytes=5-1", "items=0-1", "bytes=abc", "bytes=0x1-2"})
    void severalOrUnreadableRangesGetTheWholeBody(String range) throws Exception {
        HttpResponse<byte[]> r = get("/shared.ts", "Range", range);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.body()).isEqualTo(SEGMENT);
    }

    @Test
    void anIfRangeCannotMatchSoTheWholeBodyIsSent() throws Exception {
        HttpResponse<byte[]> r = get("/seg.ts", "Range", "bytes=0-9", "If-Range", "\"abc\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(SEGMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/seg.ts", "/shared.ts", "/list.m3u8", "/nothing-here"})
    void headHasTheHeadersOfGetAndNoBody(String path) throws Exception {
        HttpResponse<byte[]> g = get(path);
        HttpResponse<byte[]> h = send("HEAD", path);
        assertThat(h.statusCode()).isEqualTo(g.statusCode());
        assertThat(h.body()).isEmpty();
        for (String name : List.of("Content-Type", "Content-Length", "Accept-Ranges", "Cache-Control", "Vary")) {
            assertThat(header(h, name)).as(name).isEqualTo(header(g, name));
        }
    }

    @Test
    void headOnAPushedStreamEndsAfterTheHeaders() throws Exception {
        HttpResponse<byte[]> h = send("HEAD", "/push");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(header(h, "Content-Type")).isEqualTo("application/x-m4f");
        assertThat(h.body()).isEmpty();
    }

    @Test
    void preflightIsAnswered204WithMethodsAndTheRequestedHeaders() throws Exception {
        HttpResponse<byte[]> r = send("OPTIONS", "/cam/index.m3u8", "Origin", "https://player.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization, range");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(r, "Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(header(r, "Access-Control-Allow-Headers")).isEqualTo("authorization, range");
        assertThat(Integer.parseInt(header(r, "Access-Control-Max-Age"))).isPositive();
        assertThat(header(r, "Date")).isNotNull();
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();

        HttpResponse<byte[]> odd = send("OPTIONS", "/x", "Access-Control-Request-Headers", "x-a\r\nInjected: 1".replace("\r\n", ";"));
        assertThat(header(odd, "Access-Control-Allow-Headers")).isEqualTo(Cors.SAFE_HEADERS)
                .contains("Authorization").contains("Range");
    }

    @Test
    void otherMethodsGet405WithAllow() throws Exception {
        HttpResponse<byte[]> r = send("DELETE", "/seg.ts");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(header(r, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void textIsGzippedWhenAskedAndSegmentsNever() throws Exception {
        HttpResponse<byte[]> gz = get("/list.m3u8", "Accept-Encoding", "gzip, deflate");
        assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(gz, "Vary")).isEqualTo("Accept-Encoding");
        assertThat(gz.body().length).isLessThan(PLAYLIST.length() / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(PLAYLIST);
        }
        HttpResponse<byte[]> plain = get("/list.m3u8");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(header(plain, "Vary")).isEqualTo("Accept-Encoding");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(PLAYLIST);
        assertThat(get("/list.m3u8", "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding")).isEmpty();

        HttpResponse<byte[]> segment = get("/shared.ts", "Accept-Encoding", "gzip");
        assertThat(segment.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(segment.body()).isEqualTo(SEGMENT);
    }
}
