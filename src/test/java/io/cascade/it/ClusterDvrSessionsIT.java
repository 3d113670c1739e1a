package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.dvr.StreamArchive;
import io.cascade.hls.SegmentFormat;
import io.cascade.hls.SegmentNames;
import io.cascade.media.Timebase;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real DVR and the real sessions through the cluster: an origin that records {@code news},
 * restreamers without a DVR of their own (one and two tiers down) that serve its archive, one
 * with {@code dvr … replicate} that is cut off from the origin for 20 s and fills the hole, and the
 * origin listing and limiting the viewers who watch on its restreamers.
 */
@RequiresTools
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDvrSessionsIT {
    static final String KEY = "cluster-dvr-sessions-key";
    static final String TOKEN = "?token=good-archive";
    /** How long the replica is cut off from the origin, in stream time. */
    static final long HOLE_TICKS = 20 * Timebase.HZ;
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static final List<CascadeServer> servers = new ArrayList<>();
    static TestAuthBackend backend;
    static CuttableRelay relay;
    static CascadeServer origin;
    static CascadeServer edgeA;
    static CascadeServer edgeB;
    static CascadeServer tier2;
    static CascadeServer replica;

    @BeforeAll
    static void start() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 4, "320x180", "mp4");
        backend = new TestAuthBackend();
        origin = server("segments 3;\nstream news { input file://clip.mp4; dvr %s 1d; }\n".formatted(dir.resolve("origin-dvr")));
        String source = "segments 3;\nsource 127.0.0.1:%d { on_play %s; }\n";
        edgeA = server(source.formatted(origin.httpPort(), backend.url()));
        edgeB = server(source.formatted(origin.httpPort(), backend.url()));
        tier2 = server(source.formatted(edgeA.httpPort(), backend.url()));
        relay = new CuttableRelay(origin.httpPort());
        replica = server("source 127.0.0.1:%d { dvr %s 1d replicate; }\n".formatted(relay.port(), dir.resolve("replica-dvr")));
        for (CascadeServer s : List.of(edgeA, edgeB, tier2, replica)) {
            Tools.await(Duration.ofSeconds(20), "news on port " + s.httpPort(), () -> s.streams().find("news")
                    .map(n -> !n.store().closedSegments().isEmpty()).orElse(false));
        }
        Tools.await(Duration.ofSeconds(20), "eight segments in the origin's archive",
                () -> originArchive().segmentCount() >= 8);
    }

    @AfterAll
    static void stop() {
        servers.forEach(CascadeServer::close);
        if (relay != null) {
            relay.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    static CascadeServer server(String body) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + Tools.freePort() + ";\ncluster_key " + KEY + ";\nsegment_duration 1;\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 5_000);
        servers.add(s);
        return s;
    }

    static StreamArchive originArchive() {
        return origin.dvr().archive("news").orElseThrow();
    }

    static String url(CascadeServer s, String path) {
        return "http://127.0.0.1:" + s.httpPort() + "/" + path;
    }

    static byte[] bytes(CascadeServer s, String path) throws Exception {
        HttpResponse<byte[]> r = Tools.get(url(s, path));
        assertThat(r.statusCode()).as(path + " from port " + s.httpPort() + ": "
                + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    @Test
    @Order(1)
    void restreamersWithoutADvrServeTheOriginsArchiveByteForByte() throws Exception {
        ArchivedSegment first = originArchive().first().orElseThrow();
        long from = Math.floorDiv(first.startDts(), Timebase.HZ) + 1;
        String playlist = "news/archive-" + from + "-5.m3u8";
        // The same URL on every server: the playlist hands the token on in its URIs' query.
        String want = new String(bytes(origin, playlist + TOKEN), StandardCharsets.UTF_8);
        List<String> names = want.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('?') < 0 ? l.length() : l.indexOf('?'))).toList();
        assertThat(want).contains(".ts" + TOKEN + "\n");
        assertThat(names).hasSizeGreaterThanOrEqualTo(4);
        List<String> files = new ArrayList<>(names);
        for (ArchivedSegment a : originArchive().segments(from * Timebase.HZ, (from + 5) * Timebase.HZ)) {
            files.add(SegmentNames.of(a.startDts(), a.duration(), SegmentFormat.FMP4));
        }
        assertRestreamersServeAsTheOrigin(playlist, want, files);
        assertPlaysAbout5s(edgeA, playlist);
    }

    /** {@code listing} (a playlist or manifest, answered {@code want} by the origin) and each of {@code files}, alike on every restreamer. */
    static void assertRestreamersServeAsTheOrigin(String listing, String want, List<String> files) throws Exception {
        for (CascadeServer s : List.of(edgeA, tier2)) {
            assertThat(new String(bytes(s, listing + TOKEN), StandardCharsets.UTF_8)).as(listing + " on port " + s.httpPort())
                    .isEqualTo(want);
            for (String f : files) {
                assertThat(bytes(s, "news/" + f + TOKEN)).as(f + " on port " + s.httpPort()).isEqualTo(bytes(origin, "news/" + f));
            }
        }
    }

    static void assertPlaysAbout5s(CascadeServer s, String path) throws Exception {
        Tools.Result probe = Tools.run(Duration.ofSeconds(40), "ffprobe", "-v", "error", "-show_entries",
                "format=duration", "-of", "csv=p=0", url(s, path + TOKEN));
        assertThat(probe.exit()).as(probe.err()).isZero();
        assertThat(Double.parseDouble(probe.out().trim())).as("duration played").isBetween(3.0, 7.0);
    }

    @Test
    @Order(1)
    void restreamersWithoutADvrServeTheOriginsDashArchiveByteForByte() throws Exception {
        ArchivedSegment first = originArchive().first().orElseThrow();
        long from = Math.floorDiv(first.startDts(), Timebase.HZ) + 1;
        String manifest = "news/archive-" + from + "-5.mpd";
        String want = new String(bytes(origin, manifest + TOKEN), StandardCharsets.UTF_8);
        List<String> files = DashFiles.of(want);
        assertThat(files).as("inits and segments of " + want).anyMatch(f -> f.startsWith("init-"))
                .filteredOn(f -> f.startsWith("seg-")).hasSizeGreaterThanOrEqualTo(8);
        assertRestreamersServeAsTheOrigin(manifest, want, files);
        assertPlaysAbout5s(tier2, manifest);
    }

    /** The files a DASH manifest names: each adaptation set's init and its timeline's segments. */
    static final class DashFiles {
        private static final Pattern SET = Pattern.compile("<AdaptationSet.*?</AdaptationSet>",
                Pattern.DOTALL);
        private static final Pattern ENTRY = Pattern.compile("<S( t=\"(\\d+)\")? d=\"(\\d+)\"( r=\"(\\d+)\")?");

        static List<String> of(String mpd) {
            List<String> out = new ArrayList<>();
            Matcher sets = SET.matcher(mpd);
            while (sets.find()) {
                String set = sets.group();
                out.add(attribute(set, "initialization"));
                String media = attribute(set, "media");
                long t = 0;
                Matcher e = ENTRY.matcher(set);
                while (e.find()) {
                    t = e.group(2) == null ? t : Long.parseLong(e.group(2));
                    long d = Long.parseLong(e.group(3));
                    int repeats = e.group(5) == null ? 0 : Integer.parseInt(e.group(5));
                    for (int i = 0; i <= repeats; i++, t += d) {
                        out.add(media.replace("$Time$", Long.toString(t)));
                    }
                }
            }
            return out;
        }

        private static String attribute(String xml, String name) {
            Matcher m = Pattern.compile(name + "=\"([^\"]+)\"").matcher(xml);
            assertThat(m.find()).as(name + " in " + xml).isTrue();
            String value = m.group(1);
            return value.indexOf('?') < 0 ? value : value.substring(0, value.indexOf('?')); // the token handed on
        }
    }

    @Test
    @Order(2)
    void aReplicatingRestreamerFillsTheHoleOfBeingCutOff() throws Exception {
        StreamArchive own = replica.dvr().archive("news").orElseThrow();
        Tools.await(Duration.ofSeconds(10), "the replica recording", () -> own.segmentCount() >= 2);
        relay.cut();
        long cutAt = originArchive().last().orElseThrow().number();
        Tools.await(Duration.ofSeconds(40), "20 s of stream recorded by the origin alone",
                () -> ticksAfter(originArchive().segments(0, Long.MAX_VALUE), cutAt) >= HOLE_TICKS);
        List<ArchivedSegment> hole = originArchive().segments(0, Long.MAX_VALUE).stream()
                .filter(x -> x.number() > cutAt).toList();
        long missedTicks = hole.stream().filter(x -> own.byNumber(x.number()).isEmpty())
                .mapToLong(ArchivedSegment::duration).sum();
        // The segment being recorded when the link was cut may have reached the replica whole.
        assertThat(missedTicks).as("stream time the cut-off replica did not record")
                .isGreaterThanOrEqualTo(HOLE_TICKS - 2 * Timebase.HZ);
        relay.restore();
        try {
            Tools.await(Duration.ofSeconds(30), "the hole filled",
                    () -> hole.stream().allMatch(x -> own.byNumber(x.number()).isPresent()));
        } catch (AssertionError e) {
            throw new AssertionError("hole " + hole.stream().map(ArchivedSegment::number).toList() + "; replica has "
                    + own.segments(0, Long.MAX_VALUE).stream().map(x -> x.number() + "@" + x.startDts()).toList()
                    + "; origin has " + originArchive().segments(0, Long.MAX_VALUE).stream()
                    .map(x -> x.number() + "@" + x.startDts()).toList(), e);
        }
        for (ArchivedSegment theirs : hole) {
            ArchivedSegment mine = own.byNumber(theirs.number()).orElseThrow();
            assertThat(mine).as("segment %d", theirs.number()).isEqualTo(theirs);
            assertThat(ClusterIT.sha256(own.read(mine).join().bytes())).as("sha256 of segment %d", theirs.number())
                    .isEqualTo(ClusterIT.sha256(originArchive().read(theirs).join().bytes()));
        }
    }

    /** Stream time of the segments numbered after {@code number}. */
    static long ticksAfter(List<ArchivedSegment> segments, long number) {
        return segments.stream().filter(x -> x.number() > number).mapToLong(ArchivedSegment::duration).sum();
    }

    static List<JsonNode> originSessions(String proto) throws Exception {
        JsonNode list = JSON.readTree(Tools.getText(url(origin, "streamer/api/v3/sessions?name=news"))).get("sessions");
        return StreamSupport.stream(list.spliterator(), false).filter(s -> s.path("proto").asText().equals(proto)).toList();
    }

    static boolean listed(String token) {
        try {
            return originSessions("hls").stream().anyMatch(s -> s.path("token").asText().equals(token));
        } catch (Exception e) {
            return false;
        }
    }

    static Tools.Background play(CascadeServer s, String token) throws Exception {
        return Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-rw_timeout", "15000000",
                "-i", url(s, "news/index.m3u8?token=" + token), "-t", "20", "-c", "copy", "-f", "null", "-");
    }

    @Test
    @Order(3)
    void theOriginListsTheViewersOfItsRestreamersMarkedWithTheirServers() throws Exception {
        try (Tools.Background viewer = play(edgeA, "good-viewer"); Tools.Background below = play(tier2, "good-below")) {
            Tools.await(Duration.ofSeconds(15), "the edge's viewer listed on the origin", () -> listed("good-viewer"));
            Tools.await(Duration.ofSeconds(15), "the viewer two tiers down listed on the origin", () -> listed("good-below"));
            assertThat(originSessions("hls").stream().filter(j -> j.path("token").asText().equals("good-below"))
                    .findFirst().orElseThrow().path("server").asText()).endsWith(":" + tier2.httpPort());
            JsonNode s = originSessions("hls").stream().filter(j -> j.path("token").asText().equals("good-viewer"))
                    .findFirst().orElseThrow();
            assertThat(s.path("server").asText()).endsWith(":" + edgeA.httpPort());
            JsonNode stats = JSON.readTree(Tools.getText(url(origin, "streamer/api/v3/streams/news"))).path("stats");
            assertThat(stats.path("cluster_online_clients").asInt()).isGreaterThan(stats.path("online_clients").asInt());
            HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url(origin, "streamer/api/v3/sessions/" + s.path("id").asText()))).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            Tools.await(Duration.ofSeconds(3), "the DELETE on the origin cutting the viewer on its edge", () -> edgeA
                    .playGate().sessions().active(x -> x.request().token().orElse("").equals("good-viewer")).isEmpty());
        }
    }

    @Test
    @Order(4)
    void aUserLimitedToOneSessionHasOneCutAcrossTwoRestreamers() throws Exception {
        try (Tools.Background a = play(edgeA, "userq-a")) {
            Tools.await(Duration.ofSeconds(15), "the first session listed on the origin", () -> listed("userq-a"));
            try (Tools.Background b = play(edgeB, "userq-b")) {
                Tools.await(Duration.ofSeconds(15), "the second session open on its edge", () -> edgeB.playGate()
                        .sessions().active(x -> x.request().token().orElse("").equals("userq-b")).size() == 1);
                long opened = System.nanoTime();
                Tools.await(Duration.ofSeconds(5), "the second session cut", () -> edgeB.playGate().sessions()
                        .active(x -> x.request().token().orElse("").equals("userq-b")).isEmpty());
                assertThat((System.nanoTime() - opened) / 1_000_000).as("ms to the cut").isLessThan(3_000);
                assertThat(Tools.get(url(edgeB, "news/index.m3u8?token=userq-b")).statusCode()).isEqualTo(403);
                assertThat(edgeA.playGate().sessions().active(x -> x.request().token().orElse("").equals("userq-a")))
                        .as("the older session goes on").hasSize(1);
            }
        }
    }

    @Test
    @Order(5)
    void aRestreamerThatGoesTakesItsSessionsOffTheOriginWithin10s() throws Exception {
        try (Tools.Background viewer = play(edgeB, "good-leaving")) {
            Tools.await(Duration.ofSeconds(15), "the viewer listed on the origin", () -> listed("good-leaving"));
            edgeB.close();
            long closed = System.nanoTime();
            Tools.await(Duration.ofSeconds(12), "the viewer gone from the origin", () -> {
                try {
                    return originSessions("hls").stream().noneMatch(j -> j.path("token").asText().equals("good-leaving"));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat((System.nanoTime() - closed) / 1_000_000).as("ms until gone").isLessThan(10_000);
        }
    }

    @Test
    @Order(6)
    void archiveRequestsAnswer503FastOnceTheOriginIsGone() throws Exception {
        ArchivedSegment first = originArchive().first().orElseThrow();
        String playlist = "news/archive-" + (Math.floorDiv(first.startDts(), Timebase.HZ) + 1) + "-5.m3u8" + TOKEN;
        origin.close();
        for (CascadeServer s : List.of(edgeA, tier2)) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = Tools.get(url(s, playlist.replace("-5.m3u8", "-6.m3u8")));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).as("port " + s.httpPort() + ": " + new String(r.body(), StandardCharsets.UTF_8))
                    .isEqualTo(503);
            assertThat(ms).as("fails fast, not a hang").isLessThan(2_500);
        }
    }
}
