package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Play authorization and sessions with real players against a test {@code on_play} backend:
 * the same token rules over HLS, DASH and RTMP (ffprobe/ffmpeg), one backend request per
 * X-AuthDuration for a whole HLS playback, max sessions, a backend that fails or sleeps, the
 * {@code protocols} directive, the sessions API cutting RTMP, HLS and archive MPEG-TS players, and {@code /metrics}
 * agreeing with the API.
 */
@RequiresTools
class AuthSessionsIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestAuthBackend backend;
    static CascadeServer server;
    static String http;
    static String rtmp;
    static String rtsp;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = AuthSessionsIT.class.getResourceAsStream("/demo/demo.mp4")) {
            Files.copy(in, dir.resolve("demo.mp4"));
        }
        backend = new TestAuthBackend();
        int port = Tools.freePort();
        int rtmpPort = Tools.freePort();
        int rtspPort = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                rtmp %d;
                rtsp %d;
                cluster_key k1;
                stream open { input file://demo.mp4; }
                stream guarded { input file://demo.mp4; on_play %s; }
                stream recorded { input file://demo.mp4; on_play %s; dvr dvr 1h; }
                stream fallback { input file://demo.mp4; on_play %s allow_default; }
                stream hlsonly { input file://demo.mp4; protocols hls; }
                """.formatted(port, rtmpPort, rtspPort, backend.url(), backend.url(), backend.url()));
        server = new CascadeServer(ConfigLoader.load(conf), dir, 5_000);
        http = "http://127.0.0.1:" + port + "/";
        rtmp = "rtmp://127.0.0.1:" + rtmpPort + "/static/";
        rtsp = "rtsp://127.0.0.1:" + rtspPort + "/";
        for (String s : List.of("open", "guarded", "fallback", "hlsonly", "recorded")) {
            Tools.await(Duration.ofSeconds(30), s + " to have 3 segments",
                    () -> server.streams().find(s).orElseThrow().store().closedSegments().size() >= 3);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(http + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = send("GET", path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<JsonNode> sessions(String stream) throws Exception {
        JsonNode list = json("streamer/api/v3/sessions?name=" + stream).get("sessions");
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    private static Tools.Result probe(String url) throws Exception {
        return Tools.run(Duration.ofSeconds(40), "ffprobe", "-v", "error", "-rw_timeout", "15000000",
                "-show_streams", "-of", "csv=p=0", url);
    }

    private static Tools.Background play(String url, int seconds) throws Exception {
        return Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-rw_timeout", "15000000",
                "-i", url, "-t", Integer.toString(seconds), "-c", "copy", "-f", "null", "-");
    }

    @Test
    void theSameTokenRulesRefuseAndAllowOverHlsDashAndRtmp() throws Exception {
        List<String> urls = new ArrayList<>();
        for (String token : List.of("bad-1", "good-1")) {
            urls.add(http + "guarded/index.m3u8?token=" + token);
            urls.add(http + "guarded/index.mpd?token=" + token);
            urls.add(rtmp + "guarded?token=" + token);
            urls.add(rtsp + "guarded?token=" + token);
            urls.add(http + "guarded/mpegts?token=" + token);
        }
        for (String url : urls) {
            Tools.Result r = probe(url);
            if (url.contains("bad-")) {
                assertThat(r.exit()).as(url + " is refused").isNotZero();
            } else {
                assertThat(r.exit()).as(url + ": " + r.err()).isZero();
                assertThat(r.out()).contains("h264");
            }
        }
        assertThat(send("GET", "guarded/mono.m3u8?token=bad-1").statusCode()).isEqualTo(403);
        HttpResponse<String> tokenless = send("GET", "guarded/mono.m3u8");
        assertThat(tokenless.statusCode()).as("no token").isEqualTo(200);
        assertThat(tokenless.body()).as("the session handed on in the query only").containsPattern(
                "\n\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}/\\d{2}-\\d+\\.ts\\?session=[0-9a-f-]{36}\n");
        assertThat(send("GET", "open/mono.m3u8").body()).as("an open stream's playlist is everyone's")
                .doesNotContain("?");
        // A denial holds its X-AuthDuration: the refused viewer asking again costs no backend request.
        long asked = backend.requestsFor("bad-2");
        send("GET", "guarded/mono.m3u8?token=bad-2");
        send("GET", "guarded/mono.m3u8?token=bad-2");
        assertThat(backend.requestsFor("bad-2")).isEqualTo(asked + 1);
        Tools.Result rtmpParams = probe(rtmp + "guarded?token=good-rtmp&x=1");
        assertThat(rtmpParams.exit()).isZero();
        var first = backend.requests.stream().filter(r -> "good-rtmp".equals(r.get("token"))).findFirst().orElseThrow();
        assertThat(first).containsEntry("name", "guarded").containsEntry("proto", "rtmp")
                .containsEntry("ip", "127.0.0.1").containsEntry("request_type", "new_session")
                .containsEntry("request_number", "0").containsEntry("qs", "token=good-rtmp&x=1")
                .containsKeys("session_id", "stream_clients", "total_clients", "bytes", "duration", "user_agent",
                        "referer", "host");
    }

    /** Once {@code recorded} has two segments in its archive: the second its recording began. */
    static long firstRecordedSecond() throws InterruptedException {
        Tools.await(Duration.ofSeconds(20), "recorded segments",
                () -> server.dvr().archive("recorded").map(a -> a.segmentCount() >= 2).orElse(false));
        return server.dvr().archive("recorded").orElseThrow().ranges().getFirst().from() / 90_000;
    }

    @Test
    void theArchiveIsPlayedWithTheSameTokenRulesAndItsPlaylistHandsTheTokenOn() throws Exception {
        long from = firstRecordedSecond();
        String piece = "recorded/archive-" + from + "-20.m3u8";
        assertThat(send("GET", piece + "?token=bad-arc").statusCode()).isEqualTo(403);
        assertThat(send("GET", "recorded/recording_status.json?token=bad-arc").statusCode()).isEqualTo(403);
        assertThat(send("GET", "recorded/recording_status.json?token=good-arc").statusCode()).isEqualTo(200);
        HttpResponse<String> granted = send("GET", piece + "?token=good-arc");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(granted.body()).as("segment URIs carry the token in their query")
                .containsPattern("\\.ts\\?token=good-arc\\n");
        Tools.Result r = probe(http + piece + "?token=good-arc");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("h264");
    }

    @Test
    void theArchiveAsOneTsStreamIsOneSessionCountingItsBytesAndCutByTheApi() throws Exception {
        long from = firstRecordedSecond();
        String url = "recorded/timeshift_abs-" + from + ".ts";
        assertThat(send("GET", url + "?token=bad-tsabs").statusCode()).isEqualTo(403);
        HttpResponse<InputStream> r = CLIENT.send(HttpRequest.newBuilder(URI.create(http + url + "?token=good-tsabs"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        AtomicLong read = new AtomicLong();
        AtomicInteger firstByte = new AtomicInteger(-1);
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (InputStream in = r.body()) {
                byte[] buf = new byte[64 * 1024];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    firstByte.compareAndSet(-1, n > 0 ? buf[0] & 0xff : -1);
                    read.addAndGet(n);
                }
            } catch (IOException e) {
                // the connection cut by the server ends the body like this
            }
        });
        try {
            Tools.await(Duration.ofSeconds(20), "the session to count bytes",
                    () -> quietly(() -> bytesOf("good-tsabs") > 0));
            long counted = bytesOf("good-tsabs");
            Tools.await(Duration.ofSeconds(20), "the count to grow as the archive plays",
                    () -> quietly(() -> bytesOf("good-tsabs") > counted));
            List<JsonNode> mine = sessionsOf("good-tsabs");
            assertThat(mine).as("one connection, one session").hasSize(1);
            assertThat(mine.getFirst().get("proto").asText()).isEqualTo("tshttp");
            assertThat(firstByte.get()).as("a transport stream").isEqualTo(0x47);
            assertThat(read.get()).as("bytes counted are bytes sent").isGreaterThanOrEqualTo(counted);

            String id = mine.getFirst().get("id").asText();
            assertThat(send("DELETE", "streamer/api/v3/sessions/" + id).statusCode()).isEqualTo(200);
            reading.get(10, TimeUnit.SECONDS);
            Tools.await(Duration.ofSeconds(5), "the session gone",
                    () -> quietly(() -> send("GET", "streamer/api/v3/sessions/" + id).statusCode() == 404));
        } finally {
            reading.cancel(true);
        }
    }

    @Test
    void headOfAnEndlessTsResponseLeavesNoSessionBehind() throws Exception {
        long from = firstRecordedSecond();
        for (String url : List.of("guarded/mpegts?token=good-head", "recorded/timeshift_abs-" + from + ".ts?token=good-head")) {
            long asked = backend.requestsFor("good-head");
            HttpResponse<String> head = send("HEAD", url);
            assertThat(head.statusCode()).as(url).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Type")).as(url).hasValue("video/mp2t");
            assertThat(backend.requestsFor("good-head")).as(url + " was admitted with a session of its own")
                    .isEqualTo(asked + 1);
            // A connection's session is never ended by idling: a HEAD that left one would keep it for good.
            Tools.await(Duration.ofSeconds(5), url + ": its session ended",
                    () -> quietly(() -> sessionsOf("good-head").isEmpty()));
        }
    }

    private static List<JsonNode> sessionsOf(String token) throws Exception {
        return StreamSupport.stream(json("streamer/api/v3/sessions").get("sessions").spliterator(), false)
                .filter(s -> token.equals(s.get("token").asText())).toList();
    }

    private static long bytesOf(String token) throws Exception {
        return sessionsOf(token).stream().mapToLong(s -> s.get("bytes").asLong()).sum();
    }

    @Test
    void oneHlsPlayerIsOneSessionAskedOncePerAuthDuration() throws Exception {
        // 12 s of playback with X-AuthDuration 4: the first request and about two re-checks.
        String playlist = send("GET", "guarded/mono.m3u8?token=good-count").body();
        assertThat(playlist.lines().filter(l -> l.endsWith(".ts?token=good-count")).count()).isGreaterThan(1);
        try (Tools.Background ffmpeg = play(http + "guarded/index.m3u8?token=good-count", 12)) {
            assertThat(ffmpeg.waitFor(Duration.ofSeconds(40))).as("ffmpeg exit").isZero();
        }
        long asked = backend.requestsFor("good-count");
        assertThat(asked).isBetween(2L, 5L);
        List<JsonNode> mine = sessions("guarded").stream()
                .filter(s -> "good-count".equals(s.get("token").asText())).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst().get("bytes").asLong()).isGreaterThan(100_000);
        assertThat(mine.getFirst().get("proto").asText()).isEqualTo("hls");
        assertThat(backend.requests.stream().filter(r -> "good-count".equals(r.get("token")))
                .map(r -> r.get("request_type")).distinct()).contains("new_session", "update_session");
    }

    @Test
    void aUserOverItsMaxSessionsIsCutAndItsTokenRefused() throws Exception {
        try (Tools.Background first = play(rtmp + "guarded?token=user7-a", 30)) {
            Tools.await(Duration.ofSeconds(15), "the RTMP session",
                    () -> quietly(() -> sessions("guarded").stream()
                            .anyMatch(s -> s.get("token").asText().equals("user7-a"))));
            assertThat(send("GET", "guarded/mono.m3u8?token=user7-b").statusCode()).isEqualTo(403);
            assertThat(send("GET", "guarded/mono.m3u8?token=user7-b").statusCode()).as("token refused")
                    .isEqualTo(403);
            assertThat(first.process().isAlive()).as("the first session plays on").isTrue();
            assertThat(sessions("guarded").stream().filter(s -> "user7".equals(s.get("user_id").asText())))
                    .hasSize(1);
        }
    }

    @Test
    void aFailingBackendLetsGrantedViewersGoOnAndRefusesNewOnesUnlessAllowDefault() throws Exception {
        Path recording = dir.resolve("down.ts");
        try (Tools.Background ffmpeg = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", http + "guarded/index.m3u8?token=good-down", "-t", "12", "-c", "copy", "-f", "mpegts",
                recording.toString())) {
            Tools.await(Duration.ofSeconds(15), "the session", () -> backend.requestsFor("good-down") > 0);
            try {
                backend.mode = TestAuthBackend.Mode.FAIL;
                long before = backend.requestsFor("good-down");
                Tools.await(Duration.ofSeconds(10), "a failed re-check", () -> backend.requestsFor("good-down") > before);
                assertThat(probe(http + "guarded/index.m3u8?token=good-new").exit()).as("new viewer refused")
                        .isNotZero();
                assertThat(probe(http + "fallback/index.m3u8?token=good-new").exit()).as("allow_default")
                        .isZero();
                backend.mode = TestAuthBackend.Mode.SLEEP;
                long started = System.nanoTime();
                assertThat(send("GET", "guarded/mono.m3u8?token=good-slow").statusCode()).isEqualTo(403);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            } finally {
                backend.mode = TestAuthBackend.Mode.NORMAL;
            }
            assertThat(ffmpeg.waitFor(Duration.ofSeconds(40))).as(ffmpeg.errText()).isZero();
            Tools.assertCleanRecording(recording, ffmpeg.errText(), 10);
        }
    }

    @Test
    void protocolsSwitchedOffAreRefused() throws Exception {
        assertThat(send("GET", "hlsonly/index.mpd").statusCode()).isEqualTo(403);
        assertThat(probe(rtmp + "hlsonly").exit()).isNotZero();
        assertThat(send("GET", "hlsonly/mono.m3u8").statusCode()).isEqualTo(200);
        assertThat(json("streamer/api/v3/streams/hlsonly").get("protocols").toString()).isEqualTo("[\"hls\"]");
        assertThat(json("streamer/api/v3/streams/fallback").get("on_play").get("allow_default").asBoolean()).isTrue();
    }

    @Test
    void theApiListsShowsAndCutsSessionsAndMetricsAgree() throws Exception {
        try (Tools.Background rtmpPlayer = play(rtmp + "open", 60);
             Tools.Background hlsPlayer = play(http + "open/index.m3u8", 60)) {
            Tools.await(Duration.ofSeconds(20), "an RTMP and an HLS session", () -> quietly(() ->
                    sessions("open").stream().map(s -> s.get("proto").asText()).distinct().count() == 2));
            Tools.await(Duration.ofSeconds(10), "bytes to both", () -> quietly(() ->
                    sessions("open").stream().allMatch(s -> s.get("bytes").asLong() > 0)));
            JsonNode stats = json("streamer/api/v3/streams/open").get("stats");
            assertThat(stats.get("online_clients").asInt()).isEqualTo(2);
            PrometheusText metrics = PrometheusText.parse(send("GET", "metrics").body());
            assertThat(metrics.value("stream_online_clients", "name", "open", "proto", "rtmp")).isEqualTo(
                    stats.get("online_clients_by_proto").get("rtmp").asDouble());
            assertThat(metrics.value("stream_online_clients", "name", "open", "proto", "hls")).isEqualTo(
                    stats.get("online_clients_by_proto").get("hls").asDouble());
            assertThat(metrics.value("stream_bytes_out_total", "name", "open"))
                    .isGreaterThanOrEqualTo(stats.get("bytes_out").asDouble()).isPositive();
            assertThat(metrics.value("stream_alive", "name", "open")).isEqualTo(1);
            assertThat(metrics.value("stream_segments", "name", "open")).isPositive();
            assertThat(metrics.types).containsEntry("stream_bytes_out_total", "counter")
                    .containsEntry("stream_online_clients", "gauge");
            assertThat(PrometheusText.parse(send("GET", "flussonic/api/metrics").body()).samples).isNotEmpty();

            for (JsonNode s : sessions("open")) {
                String id = s.get("id").asText();
                assertThat(json("streamer/api/v3/sessions/" + id).get("name").asText()).isEqualTo("open");
                assertThat(send("DELETE", "streamer/api/v3/sessions/" + id).statusCode()).isEqualTo(200);
                assertThat(send("GET", "streamer/api/v3/sessions/" + id).statusCode()).isEqualTo(404);
            }
            assertThat(rtmpPlayer.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
                    .as("RTMP playback ends").isTrue();
            assertThat(hlsPlayer.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
                    .as("HLS playback ends").isTrue();
        }
    }

    @Test
    void aRestreamerAppliesItsSourcesOnPlayAndShowsThePeerInItsMetrics() throws Exception {
        Path conf = dir.resolve("edge.conf");
        int edgePort = Tools.freePort();
        Files.writeString(conf, """
                http %d;
                cluster_key k1;
                source 127.0.0.1:%d { only open; on_play %s; }
                """.formatted(edgePort, server.httpPort(), backend.url()));
        try (CascadeServer edge = new CascadeServer(ConfigLoader.load(conf), dir, 5_000)) {
            String base = "http://127.0.0.1:" + edgePort + "/";
            Tools.await(Duration.ofSeconds(20), "the restreamed stream", () -> edge.streams().find("open")
                    .map(s -> s.store().closedSegments().size() >= 2).orElse(false));
            assertThat(Tools.get(base + "open/mono.m3u8?token=bad-edge").statusCode()).isEqualTo(403);
            assertThat(Tools.get(base + "open/mono.m3u8?token=good-edge").statusCode()).isEqualTo(200);
            assertThat(backend.requests.stream().filter(r -> "good-edge".equals(r.get("token"))).findFirst()
                    .orElseThrow()).containsEntry("name", "open");
            JsonNode listed = JSON.readTree(Tools.getText(base + "streamer/api/v3/sessions")).get("sessions");
            assertThat(listed.get(0).get("server").asText()).endsWith(":" + edgePort);
            PrometheusText metrics = PrometheusText.parse(Tools.getText(base + "metrics"));
            String peer = "127.0.0.1:" + server.httpPort();
            assertThat(metrics.value("cluster_peer_up", "peer", peer)).isEqualTo(1);
            assertThat(metrics.value("cluster_m4f_bytes_in_total", "peer", peer)).isGreaterThan(10_000);
            assertThat(metrics.value("stream_online_clients", "name", "open", "proto", "hls")).isEqualTo(1);
        }
    }

    @Test
    @RequiresTools("promtool")
    void theMetricsPassPromtool() throws Exception {
        send("GET", "guarded/mono.m3u8?token=bad-promtool");
        Path metrics = dir.resolve("metrics.txt");
        Files.writeString(metrics, send("GET", "metrics").body());
        Tools.Result r = Tools.run(Duration.ofSeconds(20), "sh", "-c", "promtool check metrics < " + metrics);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    @Test
    void healthAndReauthAnswer() throws Exception {
        assertThat(send("GET", "streamer/api/v3/monitoring/liveness").statusCode()).isEqualTo(200);
        assertThat(send("GET", "streamer/api/v3/monitoring/readiness").statusCode()).isEqualTo(200);
        send("GET", "guarded/mono.m3u8?token=good-reauth");
        long before = backend.requestsFor("good-reauth");
        HttpResponse<String> r = send("POST", "streamer/api/v3/sessions/reauth?name=guarded");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("sessions").asInt()).isPositive();
        Tools.await(Duration.ofSeconds(5), "the re-check", () -> backend.requestsFor("good-reauth") > before);
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static boolean quietly(Check c) {
        try {
            return c.test();
        } catch (Exception e) {
            return false;
        }
    }
}
