package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.cluster.ArchiveCatalog;
import io.cascade.cluster.ArchiveListing;
import io.cascade.cluster.ArchivedSegment;
import io.cascade.cluster.ClusterAuth;
import io.cascade.cluster.ClusterHooks;
import io.cascade.cluster.M4fMessage;
import io.cascade.cluster.M4fRoute;
import io.cascade.cluster.MemoryArchive;
import io.cascade.cluster.MemorySessions;
import io.cascade.cluster.PeerConnector;
import io.cascade.cluster.ReplicaCatalog;
import io.cascade.cluster.SessionKey;
import io.cascade.cluster.ViewerSession;
import io.cascade.config.ConfigLoader;
import io.cascade.config.HostPort;
import io.cascade.media.Segment;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source's archive and the cluster's sessions through real servers on 127.0.0.1: origin
 * (its archive and its session registry are in-memory test implementations of the cluster's
 * interfaces), a middle tier and an edge below it, with no archive of their own.
 */
@RequiresTools
class ClusterArchiveSessionsIT {
    static final String KEY = "archive-and-sessions-key-31";
    @TempDir
    static Path dir;
    static final List<CascadeServer> servers = new ArrayList<>();
    static final MemoryArchive originArchive = new MemoryArchive();
    static final MemoryArchive edgeReplica = new MemoryArchive();
    static final MemorySessions originSessions = new MemorySessions();
    static final MemorySessions midSessions = new MemorySessions();
    static final MemorySessions edgeSessions = new MemorySessions();
    static CascadeServer origin;
    static CascadeServer mid;
    static CascadeServer edge;
    static List<Long> hole;

    @BeforeAll
    static void start() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 4, "320x180", "mp4");
        origin = server("segment_duration 1;\nsegments 30;\nstream news { input file://clip.mp4; }\n",
                new ClusterHooks(name -> name.equals("news") ? Optional.of(originArchive) : Optional.empty(),
                        ReplicaCatalog.NONE, originSessions, originSessions, Optional.of("origin")));
        Tools.await(Duration.ofSeconds(30), "six segments on the origin",
                () -> origin.streams().find("news").orElseThrow().store().closedSegments().size() >= 6);
        record(origin);
        // The edge's own archive misses two segments its source has: replication must fill them.
        List<Long> numbers = originArchive.numbers();
        hole = List.of(numbers.get(2), numbers.get(3));
        for (long n : numbers) {
            if (!hole.contains(n)) {
                edgeReplica.store(originArchive.get(n).orElseThrow().segment(),
                        originArchive.init(originArchive.get(n).orElseThrow().segment().initVersion()).orElseThrow(),
                        originArchive.get(n).orElseThrow().bytes());
            }
        }
        mid = server("source 127.0.0.1:%d;\n".formatted(origin.httpPort()),
                new ClusterHooks(ArchiveCatalog.NONE, ReplicaCatalog.NONE, midSessions, midSessions, Optional.of("mid")));
        edge = server("dvr_cache 64M;\nsource 127.0.0.1:%d { dvr %s 1d replicate replicate_rate=8M; }\n"
                        .formatted(mid.httpPort(), dir.resolve("dvr")),
                new ClusterHooks(ArchiveCatalog.NONE, name -> name.equals("news") ? Optional.of(edgeReplica) : Optional.empty(),
                        edgeSessions, edgeSessions, Optional.of("edge")));
        Tools.await(Duration.ofSeconds(20), "news on the edge", () -> edge.streams().find("news").isPresent());
    }

    /** Copies what the origin has closed into its archive, as a DVR records it. */
    static void record(CascadeServer s) {
        for (Segment seg : s.streams().find("news").orElseThrow().store().closedSegments()) {
            originArchive.add(new ArchivedSegment(seg.number(), seg.startDts(), seg.duration(), seg.init().version(),
                    seg.discontinuity()), seg.init().bytes(), seg.bytes());
        }
    }

    @AfterAll
    static void stop() {
        servers.forEach(CascadeServer::close);
    }

    static CascadeServer server(String body, ClusterHooks hooks) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + Tools.freePort() + ";\ncluster_key " + KEY + ";\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 3_000, hooks);
        servers.add(s);
        return s;
    }

    static PeerConnector.Reply archive(CascadeServer s, String query) throws Exception {
        return new PeerConnector(new HostPort("127.0.0.1", s.httpPort()), new ClusterAuth(KEY))
                .fetch(M4fRoute.ARCHIVE + "/news?" + query, Duration.ofSeconds(5));
    }

    static byte[] segmentBytes(CascadeServer s, long n) throws Exception {
        PeerConnector.Reply r = archive(s, "segment=" + n);
        assertThat(r.status()).as("segment " + n + " from port " + s.httpPort()).isEqualTo(200);
        M4fMessage chunk = r.messages().get(2);
        assertThat(chunk.type()).isEqualTo('C');
        return Arrays.copyOfRange(chunk.payload(), 8, chunk.payload().length);
    }

    @Test
    void theMiddleTierAndTheEdgeServeTheOriginsArchiveByteForByte() throws Exception {
        List<Long> numbers = originArchive.numbers();
        for (long n : numbers) {
            byte[] want = originArchive.get(n).orElseThrow().bytes();
            assertThat(segmentBytes(mid, n)).as("mid, segment " + n).isEqualTo(want);
            assertThat(segmentBytes(edge, n)).as("edge, segment " + n).isEqualTo(want);
        }
        int version = originArchive.get(numbers.get(0)).orElseThrow().segment().initVersion();
        PeerConnector.Reply init = archive(edge, "init=" + version);
        assertThat(Arrays.copyOfRange(init.messages().get(1).payload(), 4, init.messages().get(1).payload().length))
                .isEqualTo(originArchive.init(version).orElseThrow());
        ArchivedSegment first = originArchive.get(numbers.get(0)).orElseThrow().segment();
        PeerConnector.Reply list = archive(edge, "from=" + first.startDts() + "&to=" + (first.startDts() + 3_600L * 90_000));
        ArchiveListing l = ArchiveListing.of(list.messages().get(1));
        assertThat(l.ranges()).isEqualTo(originArchive.ranges());
        assertThat(l.segments()).extracting(ArchivedSegment::number).containsExactlyElementsOf(numbers);
        assertThat(archive(edge, "segment=999999").status()).as("unknown through the tiers").isEqualTo(404);
    }

    @Test
    void theLivePullsHelloCarriesTheRecordedRanges() throws Exception {
        PeerConnector c = new PeerConnector(new HostPort("127.0.0.1", origin.httpPort()), new ClusterAuth(KEY));
        try (PeerConnector.Stream s = c.open(M4fRoute.PREFIX + "/news")) {
            M4fMessage hello = s.next();
            assertThat(hello.type()).isEqualTo('H');
            com.fasterxml.jackson.databind.JsonNode ranges = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(hello.payload()).path("dvr").path("ranges");
            List<io.cascade.cluster.ArchiveRange> want = originArchive.ranges();
            assertThat(ranges.size()).isEqualTo(want.size());
            assertThat(ranges.get(0).path("from").asLong()).isEqualTo(want.get(0).fromTicks());
            assertThat(ranges.get(want.size() - 1).path("to").asLong()).isEqualTo(want.get(want.size() - 1).toTicks());
        }
    }

    @Test
    void manyViewersOfOneArchivedSegmentOnTheEdgeCostTheOriginOneRead() throws Exception {
        record(origin);
        long n = originArchive.numbers().get(originArchive.numbers().size() - 1);
        int before = originArchive.reads.get();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                all.add(pool.submit(() -> segmentBytes(edge, n)));
            }
            for (Future<byte[]> f : all) {
                assertThat(f.get()).isEqualTo(originArchive.get(n).orElseThrow().bytes());
            }
        }
        assertThat(originArchive.reads.get() - before).isEqualTo(1);
    }

    @Test
    void replicationFillsTheEdgesHoleWithTheSourcesSegments() throws Exception {
        Tools.await(Duration.ofSeconds(15), "the hole filled", () -> hole.stream().allMatch(edgeReplica::has));
        for (long n : hole) {
            assertThat(edgeReplica.get(n).orElseThrow().bytes()).isEqualTo(originArchive.get(n).orElseThrow().bytes());
            assertThat(edgeReplica.get(n).orElseThrow().segment()).isEqualTo(originArchive.get(n).orElseThrow().segment());
        }
    }

    @Test
    void archiveRequestsAnswer503FastWhenTheSourceIsDown() throws Exception {
        MemoryArchive archive = new MemoryArchive();
        CascadeServer source = server("stream lazy { input file://clip.mp4; ondemand; }\n",
                new ClusterHooks(name -> Optional.of(archive), ReplicaCatalog.NONE, new MemorySessions(), new MemorySessions(),
                        Optional.of("source2")));
        CascadeServer restreamer = server("source 127.0.0.1:%d;\n".formatted(source.httpPort()), ClusterHooks.NONE);
        CascadeServer below = server("source 127.0.0.1:%d;\n".formatted(restreamer.httpPort()), ClusterHooks.NONE);
        Tools.await(Duration.ofSeconds(10), "lazy listed two tiers down", () -> below.streams().find("lazy").isPresent());
        source.close();
        for (CascadeServer s : List.of(restreamer, below)) {
            PeerConnector c = new PeerConnector(new HostPort("127.0.0.1", s.httpPort()), new ClusterAuth(KEY));
            long t0 = System.nanoTime();
            PeerConnector.Reply r = c.fetch(M4fRoute.ARCHIVE + "/lazy?segment=1", Duration.ofSeconds(10));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.status()).as("port " + s.httpPort()).isEqualTo(503);
            assertThat(ms).as("fails fast, not a hang").isLessThan(2_500);
        }
    }

    static ViewerSession viewer(String id, String user, int max, long openedAt) {
        return new ViewerSession(id, "news", "hls", "10.1.2.3", "tok-" + id, user, max, openedAt, openedAt, 1_000,
                "ffmpeg", "", "token=tok-" + id, "");
    }

    @Test
    void theOriginListsTheViewersOfEveryTierMarkedWithTheirServer() throws Exception {
        long now = System.currentTimeMillis();
        midSessions.open(viewer("m-1", "", 0, now));
        edgeSessions.open(viewer("e-1", "", 0, now));
        Tools.await(Duration.ofSeconds(5), "both viewers on the origin", () -> originSessions.reported().stream()
                .map(ViewerSession::key).toList().containsAll(List.of(new SessionKey("mid", "m-1"), new SessionKey("edge", "e-1"))));
        assertThat(originSessions.reportedVia("mid")).as("the edge's through the middle tier")
                .containsKeys(new SessionKey("edge", "e-1"), new SessionKey("mid", "m-1"));
        edgeSessions.open(viewer("e-1", "", 0, now).withBytes(777_777, now + 1));
        Tools.await(Duration.ofSeconds(5), "bytes updated", () -> originSessions.reported().stream()
                .anyMatch(s -> s.id().equals("e-1") && s.bytes() == 777_777));
        edgeSessions.close("e-1");
        Tools.await(Duration.ofSeconds(5), "closed on the origin", () -> originSessions.reported().stream()
                .noneMatch(s -> s.id().equals("e-1")));
        midSessions.close("m-1");
    }

    @Test
    void aRestreamerThatDiesLosesItsSessionsOnTheOriginWithinTenSeconds() throws Exception {
        MemorySessions mine = new MemorySessions();
        CascadeServer doomed = server("source 127.0.0.1:%d;\n".formatted(origin.httpPort()),
                new ClusterHooks(ArchiveCatalog.NONE, ReplicaCatalog.NONE, mine, mine, Optional.of("doomed")));
        Tools.await(Duration.ofSeconds(10), "news on it", () -> doomed.streams().find("news").isPresent());
        mine.open(viewer("d-1", "", 0, System.currentTimeMillis()));
        Tools.await(Duration.ofSeconds(5), "reported", () -> !originSessions.reportedVia("doomed").isEmpty());
        doomed.close();
        long t0 = System.nanoTime();
        Tools.await(Duration.ofSeconds(12), "gone", () -> originSessions.reportedVia("doomed").isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aUserOverMaxSessionsAcrossTwoServersHasTheNewestCutWithinThreeSeconds() throws Exception {
        long now = System.currentTimeMillis();
        midSessions.open(viewer("alice-on-mid", "alice", 1, now - 10_000));
        edgeSessions.open(viewer("alice-on-edge", "alice", 1, now));
        long t0 = System.nanoTime();
        Tools.await(Duration.ofSeconds(5), "the edge's session cut", () -> edgeSessions.cuts.contains("alice-on-edge"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(midSessions.cuts).doesNotContain("alice-on-mid");
        midSessions.close("alice-on-mid");
    }
}
