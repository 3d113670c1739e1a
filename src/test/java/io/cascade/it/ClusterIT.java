package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.cluster.ClusterAuth;
import io.cascade.config.ConfigLoader;
import io.cascade.input.InputFactory;
import io.cascade.media.Segment;
import io.cascade.stream.LiveStream;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster restreaming end to end with several servers on 127.0.0.1: the stream list rules, byte
 * identity through two and three tiers, the cluster key, and a source dying under a viewer.
 */
@RequiresTools
class ClusterIT {
    static final String KEY = "s3cr3t-Cluster-Key-7f9a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static final List<CascadeServer> servers = new ArrayList<>();
    static CascadeServer origin;
    static CascadeServer edge;

    @BeforeAll
    static void start() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 4, "320x180", "mp4");
        Tools.makeClip(dir, "other.mp4", 4, "256x144", "mp4");
        origin = server("""
                cluster_key %s;
                segment_duration 1;
                segments 40;
                stream news/one { input file://clip.mp4; }
                stream news/internal { input file://clip.mp4; }
                stream sport { input file://clip.mp4; }
                stream mylive/a/b { input file://clip.mp4; }
                stream lazy { input file://clip.mp4; ondemand; }
                """.formatted(KEY));
        edge = server("""
                cluster_key %s;
                source 127.0.0.1:%d {
                  only news/* sport;
                  except news/internal;
                }
                stream sport { input file://other.mp4; }
                """.formatted(KEY, origin.httpPort()));
        awaitStream(edge, "news/one", 3);
    }

    @AfterAll
    static void stop() {
        servers.forEach(CascadeServer::close);
    }

    static CascadeServer server(String body) throws Exception {
        return server(body, Tools.freePort());
    }

    static CascadeServer server(String body, int port) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + port + ";\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 3_000);
        servers.add(s);
        return s;
    }

    static void awaitStream(CascadeServer s, String name, int segments) throws InterruptedException {
        Tools.await(Duration.ofSeconds(30), name + " on port " + s.httpPort(), () -> s.streams().find(name)
                .map(l -> l.store().closedSegments().size() >= segments).orElse(false));
    }

    static String base(CascadeServer s) {
        return "http://127.0.0.1:" + s.httpPort() + "/";
    }

    static JsonNode api(CascadeServer s, String name) throws Exception {
        HttpResponse<byte[]> r = Tools.get(base(s) + "streamer/api/v3/streams/" + name);
        return r.statusCode() == 404 ? null : JSON.readTree(r.body());
    }

    @Test
    void listRulesOnlyExceptWildcardsAndLocalOverride() throws Exception {
        JsonNode news = api(edge, "news/one");
        assertThat(news.get("static").asBoolean()).isTrue();
        assertThat(news.get("inputs").get(0).get("url").asText())
                .isEqualTo("m4f://127.0.0.1:" + origin.httpPort() + "/news/one");
        assertThat(news.get("stats").get("active_input").asText()).startsWith("m4f://");

        assertThat(api(edge, "news/internal")).as("except hides, even over only").isNull();
        assertThat(Tools.get(base(edge) + "news/internal/index.m3u8").statusCode()).isEqualTo(404);

        JsonNode sport = api(edge, "sport");
        assertThat(sport.get("inputs").get(0).get("url").asText()).as("local stream wins").isEqualTo("file://other.mp4");

        assertThat(api(edge, "lazy").get("static").asBoolean()).as("not in only: on demand").isFalse();
        assertThat(api(edge, "mylive/a/b").get("static").asBoolean()).as("not in only: on demand").isFalse();
    }

    @Test
    void defaultsFollowTheSourceAndWildcardsTakeNamesWithSlashes() throws Exception {
        CascadeServer plain = server(("cluster_key %s;\nsource 127.0.0.1:%d {\n  on_play http://backend/auth;\n"
                + "  backup vod/bunny.mp4;\n  dvr /storage 2d 97%%;\n}\n").formatted(KEY, origin.httpPort()));
        CascadeServer wild = server("cluster_key %s;\nsource 127.0.0.1:%d { only mylive/*; }\n".formatted(KEY, origin.httpPort()));
        Tools.await(Duration.ofSeconds(10), "lists", () -> plain.streams().find("lazy").isPresent()
                && wild.streams().find("mylive/a/b").isPresent());
        assertThat(api(plain, "news/one").get("static").asBoolean()).isTrue();
        assertThat(api(plain, "news/internal").get("static").asBoolean()).isTrue();
        assertThat(api(plain, "lazy").get("static").asBoolean()).isFalse();
        JsonNode effective = api(plain, "news/one");
        assertThat(effective.get("on_play").get("url").asText()).as("source options apply").isEqualTo("http://backend/auth");
        assertThat(effective.get("backup").get("file").asText()).isEqualTo("vod/bunny.mp4");
        assertThat(effective.get("dvr").get("root").asText()).isEqualTo("/storage");
        assertThat(effective.get("dvr").get("disk_limit").asInt()).isEqualTo(97);
        assertThat(api(wild, "mylive/a/b").get("static").asBoolean()).isTrue();
        assertThat(api(wild, "news/one").get("static").asBoolean()).isFalse();
    }

    @Test
    void sourceChangesArriveWithinOneSecond() throws Exception {
        InputFactory files = new InputFactory(dir);
        var cfg = ConfigLoader.parse("stream added/x { input file://clip.mp4; ondemand; }", "t").streams().get(0);
        long t0 = System.nanoTime();
        origin.streams().add(new LiveStream(cfg, 1, 10, files));
        Tools.await(Duration.ofSeconds(5), "added stream on edge", () -> edge.streams().find("added/x").isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("add").isLessThan(Duration.ofSeconds(1));

        t0 = System.nanoTime();
        origin.streams().remove("added/x");
        Tools.await(Duration.ofSeconds(5), "removed stream gone", () -> edge.streams().find("added/x").isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("remove").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void onDemandOnTheRestreamerStartsTheSourceStream() throws Exception {
        HttpResponse<byte[]> r = Tools.get(base(edge) + "lazy/mono.m3u8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(origin.streams().find("lazy").orElseThrow().isAlive()).isTrue();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("#EXTINF");
        // Nobody watches any more: the restreamer stops pulling, then the source stops too.
        Tools.await(Duration.ofSeconds(20), "both on-demand streams to stop",
                () -> !edge.streams().find("lazy").orElseThrow().isAlive()
                        && !origin.streams().find("lazy").orElseThrow().isAlive());
    }

    @Test
    void badDataFromAPeerDropsOnlyThatConnectionAndKeepsWhatWasStored() throws Exception {
        LiveStream src = origin.streams().find("news/one").orElseThrow();
        Segment good = src.store().closedSegments().get(0);
        byte[] init = good.init().bytes();
        FakeM4fSource.Scenario scenario = (n, path, out) -> {
            out.send(io.cascade.cluster.M4fMessage.hello("{\"version\":2}"));
            out.send(io.cascade.cluster.M4fMessage.init(1, init));
            if (n == 1) {
                out.send(io.cascade.cluster.M4fMessage.segmentStart(good.number(), good.startDts(), 1, false));
                out.write(out.encoder.encodeChunk(good.number(), good.bytes()));
                out.send(io.cascade.cluster.M4fMessage.segmentEnd(good.number(), good.duration()));
                out.writeRaw("garbage that is no M4F message at all".getBytes(StandardCharsets.US_ASCII));
            } else {
                // Going back: an older start time and a lower number than what is stored.
                out.send(io.cascade.cluster.M4fMessage.segmentStart(good.number() - 5, good.startDts() - 90_000, 1, false));
                out.write(out.encoder.encodeChunk(good.number() - 5, new byte[] {1, 2, 3}));
                out.send(io.cascade.cluster.M4fMessage.segmentEnd(good.number() - 5, 90_000));
                out.writeRaw(new byte[] {'C', 0x7f, 0, 0, 0});
            }
        };
        try (FakeM4fSource fake = new FakeM4fSource(KEY, scenario)) {
            CascadeServer e = server("cluster_key %s;\nstream x { input m4f://127.0.0.1:%d/x; }\n"
                    .formatted(KEY, fake.port()));
            Tools.await(Duration.ofSeconds(15), "a retry after the bad data", () -> fake.connections() >= 3);
            List<Segment> stored = e.streams().find("x").orElseThrow().store().closedSegments();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).number()).isEqualTo(good.number());
            assertThat(stored.get(0).bytes()).isEqualTo(good.bytes());
            assertThat(Tools.get(base(e) + "x/mono.m3u8").statusCode()).isEqualTo(200);
            assertThat(Tools.get(base(origin) + "news/one/mono.m3u8").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void segmentsAreByteIdenticalThroughThreeTiers() throws Exception {
        CascadeServer mid = server("cluster_key %s;\nsource 127.0.0.1:%d;\n".formatted(KEY, origin.httpPort()));
        int rtmpPort = Tools.freePort();
        CascadeServer last = server("cluster_key %s;\nrtmp %d;\nsource 127.0.0.1:%d;\n".formatted(KEY, rtmpPort, mid.httpPort()));
        awaitStream(last, "news/one", 3);
        for (CascadeServer tier : List.of(edge, mid, last)) {
            assertSameSegments(origin, tier, "news/one");
        }
        for (String form : List.of("index.m3u8", "index.fmp4.m3u8", "index.mpd")) {
            JsonNode probe = JSON.readTree(Tools.ffprobeJson(base(last) + "news/one/" + form));
            assertThat(probe.get("streams").findValuesAsText("codec_name")).as(form).contains("h264", "aac");
        }
        JsonNode rtmp = JSON.readTree(Tools.ffprobeJson("rtmp://127.0.0.1:" + rtmpPort + "/static/news/one"));
        assertThat(rtmp.get("streams").findValuesAsText("codec_name")).as("RTMP").contains("h264", "aac");
    }

    /** Same names, numbers, PROGRAM-DATE-TIMEs and bytes (TS and fMP4) for the segments both have. */
    static void assertSameSegments(CascadeServer a, CascadeServer b, String name) throws Exception {
        for (Segment sb : b.streams().find(name).orElseThrow().store().closedSegments()) {
            Optional<Segment> sa = a.streams().find(name).orElseThrow().store().byNumber(sb.number());
            if (sa.isPresent()) {
                String what = "segment " + sb.number() + " on port " + b.httpPort();
                assertThat(sb.startDts()).as(what).isEqualTo(sa.get().startDts());
                assertThat(sb.duration()).as(what).isEqualTo(sa.get().duration());
                assertThat(sha256(sb.bytes())).as(what).isEqualTo(sha256(sa.get().bytes()));
            }
        }
        Map<String, String[]> sa = playlist(a, name);
        Map<String, String[]> sb = playlist(b, name);
        List<String> common = new ArrayList<>(sa.keySet().stream().filter(sb::containsKey).toList());
        java.util.Collections.reverse(common);
        // Newest first, and only a few: the window slides while we fetch.
        common = common.subList(0, Math.min(4, common.size()));
        assertThat(common).as("segments in common").hasSizeGreaterThanOrEqualTo(2);
        for (String uri : common) {
            assertThat(sb.get(uri)).as("number and time of " + uri).containsExactly(sa.get(uri));
            for (String u : List.of(uri, uri.replace(".ts", ".m4s"))) {
                assertThat(sha256(Tools.get(base(b) + name + "/" + u).body()))
                        .as("bytes of " + u + " on port " + b.httpPort()).isEqualTo(sha256(Tools.get(base(a) + name + "/" + u).body()));
            }
        }
        assertThat(sha256(Tools.get(base(b) + name + "/init.mp4").body()))
                .isEqualTo(sha256(Tools.get(base(a) + name + "/init.mp4").body()));
    }

    /** uri → {number, program-date-time} of a media playlist. */
    static Map<String, String[]> playlist(CascadeServer s, String name) throws Exception {
        String text = Tools.getText(base(s) + name + "/mono.m3u8");
        long number = -1;
        String pdt = null;
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                number = Long.parseLong(line.substring(22).trim());
            } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pdt = line.substring(25).trim();
            } else if (!line.startsWith("#") && !line.isBlank()) {
                out.put(line.trim(), new String[] {Long.toString(number++), pdt});
            }
        }
        return out;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void wrongKeyIsRefusedAndNoStreamsAppear() throws Exception {
        CascadeServer wrong = server("cluster_key not-the-key;\nsource 127.0.0.1:%d;\n".formatted(origin.httpPort()));
        Thread.sleep(1500);
        assertThat(wrong.streams().all()).isEmpty();
        assertThat(signedGet(origin, "not-the-key", "/cascade/m4f/v2/streams/news/one").statusCode()).isEqualTo(403);
    }

    @Test
    void aServerWithoutClusterKeyRefusesClusterRequests() throws Exception {
        CascadeServer keyless = server("stream s { input file://clip.mp4; }\n");
        assertThat(signedGet(keyless, KEY, "/cascade/m4f/v2/streams").statusCode()).isEqualTo(403);
        assertThat(Tools.get(base(keyless) + "cascade/m4f/v2/challenge").statusCode()).isEqualTo(403);
        assertThat(Tools.get(base(origin) + "cascade/m4f/v2/streams").statusCode()).as("unsigned").isEqualTo(403);
    }

    @Test
    void aRefusalDoesNotTellTheCallerWhy() throws Exception {
        String path = "/cascade/m4f/v2/streams/news/one";
        Map<String, String> late = new java.util.HashMap<>(new ClusterAuth(KEY).sign("GET", path, challenge(origin)));
        late.put(ClusterAuth.TIME_HEADER, Long.toString(System.currentTimeMillis() - 120_000));
        HttpResponse<byte[]> r = get(origin, path, late);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("refused").doesNotContain("ms").doesNotContain("off");
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        String path = "/cascade/m4f/v2/streams/news/one?from=999999999999";
        Map<String, String> headers = new ClusterAuth(KEY).sign("GET", path, challenge(origin));
        assertThat(get(origin, path, headers).statusCode()).isEqualTo(200);
        assertThat(get(origin, path, headers).statusCode()).isEqualTo(403);
    }

    @Test
    void aCapturedRequestReplayedToASecondServerWithTheSameKeyOrAfterARestartIsRefused() throws Exception {
        String path = "/cascade/m4f/v2/streams/news/one?from=999999999999";
        Map<String, String> captured = new ClusterAuth(KEY).sign("GET", path, challenge(origin));
        assertThat(get(origin, path, captured).statusCode()).isEqualTo(200);
        CascadeServer second = server("cluster_key %s;\nstream news/one { input file://clip.mp4; }\n".formatted(KEY));
        assertThat(get(second, path, captured).statusCode()).as("another server, same key").isEqualTo(403);

        Map<String, String> unused = new ClusterAuth(KEY).sign("GET", path, challenge(second));
        int port = second.httpPort();
        second.close();
        CascadeServer restarted = server("cluster_key %s;\nstream news/one { input file://clip.mp4; }\n".formatted(KEY), port);
        assertThat(get(restarted, path, unused).statusCode()).as("the same server after a restart").isEqualTo(403);
        assertThat(signedGet(restarted, KEY, path).statusCode()).as("a fresh request").isEqualTo(200);
    }

    @Test
    void aV1PeerIsRefusedWithAReasonAndAV1SourceIsReportedAsSuch() throws Exception {
        HttpResponse<byte[]> v1 = Tools.get(base(origin) + "cascade/m4f/v1/streams/news/one");
        assertThat(v1.statusCode()).isEqualTo(426);
        assertThat(new String(v1.body(), StandardCharsets.UTF_8)).contains("M4F v1").contains("v2");

        com.sun.net.httpserver.HttpServer v1Only = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        v1Only.createContext("/cascade/m4f/v1/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        v1Only.start();
        try {
            io.cascade.cluster.PeerConnector old = new io.cascade.cluster.PeerConnector(
                    io.cascade.config.HostPort.parse("127.0.0.1:" + v1Only.getAddress().getPort()), new ClusterAuth(KEY));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> old.open("/cascade/m4f/v2/streams"))
                    .hasMessageContaining("does not speak M4F v2").hasMessageContaining("v1");
        } finally {
            v1Only.stop(0);
        }
    }

    /** A challenge of {@code s}; a made-up one when it hands none out (it has no key). */
    static String challenge(CascadeServer s) throws Exception {
        HttpResponse<byte[]> r = Tools.get(base(s) + "cascade/m4f/v2/challenge");
        return r.statusCode() == 200 ? new String(r.body(), StandardCharsets.US_ASCII) : "0".repeat(64);
    }

    @Test
    void theKeyNeverCrossesTheNetwork() throws Exception {
        try (TcpRecorder relay = new TcpRecorder(origin.httpPort())) {
            CascadeServer viaRelay = server("cluster_key %s;\nsource 127.0.0.1:%d;\n".formatted(KEY, relay.port()));
            awaitStream(viaRelay, "news/one", 2);
            byte[] seen = relay.recorded();
            assertThat(seen.length).isGreaterThan(10_000);
            assertThat(indexOf(seen, KEY.getBytes(StandardCharsets.UTF_8))).as("key bytes in the traffic").isEqualTo(-1);
            assertThat(new String(seen, StandardCharsets.ISO_8859_1)).contains(ClusterAuth.MAC_HEADER);
        }
    }

    @Test
    void killingOneMidTierLosesAndRepeatsNoSegment() throws Exception {
        CascadeServer mid1 = server("cluster_key %s;\nsource 127.0.0.1:%d;\n".formatted(KEY, origin.httpPort()));
        CascadeServer mid2 = server("cluster_key %s;\nsource 127.0.0.1:%d;\n".formatted(KEY, origin.httpPort()));
        CascadeServer leaf = server("cluster_key %s;\nsource 127.0.0.1:%d 127.0.0.1:%d;\n"
                .formatted(KEY, mid1.httpPort(), mid2.httpPort()));
        awaitStream(leaf, "news/one", 2);
        // The second mid-tier's stream list may reach the leaf after the first one's segments.
        Tools.await(Duration.ofSeconds(10), "both mid-tiers as inputs", () -> {
            try {
                return api(leaf, "news/one").get("inputs").size() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        Path out = dir.resolve("failover.ts");
        Process rec = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", base(leaf) + "news/one/mono.m3u8", "-c", "copy", "-t", "14", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("failover.log").toFile()).start();
        Thread.sleep(4000);
        mid1.close();
        long killedAt = System.nanoTime();
        Tools.await(Duration.ofSeconds(10), "switch to mid2", () -> leaf.streams().find("news/one")
                .flatMap(LiveStream::activeInput).map(u -> u.contains(":" + mid2.httpPort() + "/")).orElse(false));
        assertThat(rec.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(rec.exitValue()).as(Files.readString(dir.resolve("failover.log"))).isZero();
        Thread.sleep(2000);
        List<Segment> segs = leaf.streams().find("news/one").orElseThrow().store().closedSegments();
        LiveStream src = origin.streams().find("news/one").orElseThrow();
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).number()).as("consecutive").isEqualTo(segs.get(i - 1).number() + 1);
        }
        for (Segment s : segs) {
            Optional<Segment> o = src.store().byNumber(s.number());
            if (o.isPresent() && o.get().isComplete()) {
                assertThat(s.bytes()).as("segment %d after failover", s.number()).isEqualTo(o.get().bytes());
                assertThat(s.startDts()).isEqualTo(o.get().startDts());
                assertThat(s.discontinuity()).isFalse();
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isPositive();
        JsonNode probe = JSON.readTree(Tools.ffprobeJson(out.toString()));
        assertThat(Double.parseDouble(probe.get("format").get("duration").asText())).isGreaterThan(12);
    }

    @Test
    void failoverBetweenIndependentSourcesMarksADiscontinuityAndReturnsToThePreferred() throws Exception {
        CascadeServer o1 = server("cluster_key %s;\nsegment_duration 1;\nstream tv { input file://clip.mp4; }\n".formatted(KEY));
        CascadeServer o2 = server("cluster_key %s;\nsegment_duration 1;\nstream tv { input file://other.mp4; }\n".formatted(KEY));
        int p1 = o1.httpPort();
        CascadeServer e = server("cluster_key %s;\nsource 127.0.0.1:%d 127.0.0.1:%d;\n".formatted(KEY, p1, o2.httpPort()));
        awaitStream(e, "tv", 2);
        LiveStream tv = e.streams().find("tv").orElseThrow();
        assertThat(tv.activeInput()).hasValueSatisfying(u -> assertThat(u).contains(":" + p1 + "/"));
        o1.close();
        Tools.await(Duration.ofSeconds(5), "switch to the second source",
                () -> tv.activeInput().map(u -> u.contains(":" + o2.httpPort() + "/")).orElse(false));
        Tools.await(Duration.ofSeconds(15), "a discontinuity in the window",
                () -> tv.store().closedSegments().stream().anyMatch(Segment::discontinuity));
        List<Segment> segs = tv.store().closedSegments();
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).number()).isEqualTo(segs.get(i - 1).number() + 1);
            assertThat(segs.get(i).startDts()).isGreaterThanOrEqualTo(segs.get(i - 1).endDts());
        }
        assertThat(Tools.getText(base(e) + "tv/mono.m3u8")).contains("#EXT-X-DISCONTINUITY");
        String mpd = Tools.getText(base(e) + "tv/index.mpd");
        assertThat(mpd.split("<Period", -1)).as("a new DASH period").hasSizeGreaterThanOrEqualTo(3);

        server("cluster_key %s;\nsegment_duration 1;\nstream tv { input file://clip.mp4; }\n".formatted(KEY), p1);
        Tools.await(Duration.ofSeconds(20), "return to the preferred source",
                () -> tv.activeInput().map(u -> u.contains(":" + p1 + "/")).orElse(false));
        Thread.sleep(2500);
        List<Segment> after = tv.store().closedSegments();
        for (int i = 1; i < after.size(); i++) {
            assertThat(after.get(i).number()).isEqualTo(after.get(i - 1).number() + 1);
            assertThat(after.get(i).startDts()).isGreaterThanOrEqualTo(after.get(i - 1).endDts());
        }
    }

    @Test
    void aSourceDyingFailsOverToALocalBackupFileWithADiscontinuity() throws Exception {
        CascadeServer src = server("cluster_key %s;\nsegment_duration 1;\nstream tv { input file://clip.mp4; }\n".formatted(KEY));
        CascadeServer e = server("cluster_key %s;\nstream tv {\n  input m4f://127.0.0.1:%d/tv;\n  input file://other.mp4;\n}\n"
                .formatted(KEY, src.httpPort()));
        awaitStream(e, "tv", 2);
        LiveStream tv = e.streams().find("tv").orElseThrow();
        assertThat(tv.activeInput()).hasValueSatisfying(u -> assertThat(u).startsWith("m4f://"));
        src.close();
        Tools.await(Duration.ofSeconds(5), "the backup file", () -> tv.activeInput().map(u -> u.startsWith("file://")).orElse(false));
        Tools.await(Duration.ofSeconds(10), "a segment from the backup",
                () -> tv.store().closedSegments().stream().anyMatch(Segment::discontinuity));
        List<Segment> segs = tv.store().closedSegments();
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).number()).isEqualTo(segs.get(i - 1).number() + 1);
            assertThat(segs.get(i).startDts()).isGreaterThanOrEqualTo(segs.get(i - 1).endDts());
        }
        String playlist = Tools.getText(base(e) + "tv/mono.fmp4.m3u8");
        assertThat(playlist).contains("#EXT-X-DISCONTINUITY");
        assertThat(playlist.split("#EXT-X-MAP", -1)).as("the backup's init is announced").hasSizeGreaterThanOrEqualTo(3);
        JsonNode probe = JSON.readTree(Tools.ffprobeJson(base(e) + "tv/index.m3u8"));
        assertThat(probe.get("streams").findValuesAsText("codec_name")).contains("h264", "aac");
    }

    static HttpResponse<byte[]> signedGet(CascadeServer s, String key, String path) throws Exception {
        return get(s, path, new ClusterAuth(key).sign("GET", path, challenge(s)));
    }

    /** A GET that reads only the head of a (possibly endless) response. */
    static HttpResponse<byte[]> get(CascadeServer s, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path))
                .timeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        HttpResponse<java.io.InputStream> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] head;
        try (var in = r.body()) {
            head = in.readNBytes(r.statusCode() == 200 ? 5 : 4096);
        }
        return new HttpResponse<>() {
            public int statusCode() { return r.statusCode(); }
            public HttpRequest request() { return r.request(); }
            public Optional<HttpResponse<byte[]>> previousResponse() { return Optional.empty(); }
            public java.net.http.HttpHeaders headers() { return r.headers(); }
            public byte[] body() { return head; }
            public Optional<javax.net.ssl.SSLSession> sslSession() { return Optional.empty(); }
            public URI uri() { return r.uri(); }
            public HttpClient.Version version() { return r.version(); }
        };
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
