package io.cascade.cluster;

import io.cascade.config.HostPort;
import io.cascade.http.HttpServer;
import io.cascade.stream.StreamRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restreamer's view of a source's archive over real M4F archive requests to a real HTTP server. */
class RemoteArchiveTest {
    private static final String KEY = "remote-archive-key";
    private static final long T0 = 1_700_000_000_000L * 90;
    private static final int SEGMENT_BYTES = 10_000;
    static final MemoryArchive source = new MemoryArchive();
    static HttpServer http;
    static StreamRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        for (int n = 1; n <= 20; n++) {
            byte[] b = new byte[SEGMENT_BYTES];
            java.util.Arrays.fill(b, (byte) n);
            source.add(new ArchivedSegment(n, T0 + n * 180_000L, 180_000, 1, false), new byte[] {'i', 'n', 'i', 't'}, b);
        }
        registry = new StreamRegistry(30_000);
        ArchiveCatalog catalog = name -> name.equals("news/one") ? Optional.of(source) : Optional.empty();
        http = new HttpServer("127.0.0.1", 0, List.of(new M4fRoute(registry, Optional.of(new ClusterAuth(KEY)),
                new StreamListFeed(registry), catalog, Optional.empty())));
    }

    @AfterAll
    static void stop() {
        http.close();
        registry.close();
    }

    private static PeerConnector host(int port) {
        return new PeerConnector(new HostPort("127.0.0.1", port), new ClusterAuth(KEY));
    }

    private static RemoteArchive remote(ArchiveCache cache, int... ports) {
        List<PeerConnector> hosts = new ArrayList<>();
        for (int p : ports) {
            hosts.add(host(p));
        }
        return new RemoteArchive("news/one", hosts, cache);
    }

    @Test
    void listsRangesAndSegmentsAndReadsTheSourcesBytes() throws Exception {
        RemoteArchive r = remote(new ArchiveCache(1 << 20), http.port());
        assertThat(r.ranges()).isEqualTo(source.ranges());
        assertThat(r.segments(T0 + 5 * 180_000L, T0 + 8 * 180_000L, 100)).extracting(ArchivedSegment::number)
                .containsExactly(5L, 6L, 7L);
        SegmentCopy c = r.read(7).orElseThrow();
        assertThat(c.bytes()).isEqualTo(source.get(7).orElseThrow().bytes());
        assertThat(c.segment()).isEqualTo(source.get(7).orElseThrow().segment());
        assertThat(r.init(1)).contains(new byte[] {'i', 'n', 'i', 't'});
        assertThat(r.read(999)).as("unknown: 404, not an error").isEmpty();
        assertThat(r.init(9)).isEmpty();
        assertThat(new RemoteArchive("other", List.of(host(http.port())), new ArchiveCache(1 << 20)).ranges())
                .as("no archive of that stream").isEmpty();
    }

    @Test
    void manyConcurrentReadersOfOneSegmentCostTheSourceOneRead() throws Exception {
        RemoteArchive r = remote(new ArchiveCache(1 << 20), http.port());
        int before = source.reads.get();
        source.hold();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Optional<SegmentCopy>>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(pool.submit(() -> r.read(3)));
        }
        Thread.sleep(300);
        source.release();
        for (Future<Optional<SegmentCopy>> f : all) {
            assertThat(f.get().orElseThrow().bytes()).isEqualTo(source.get(3).orElseThrow().bytes());
        }
        assertThat(source.reads.get() - before).isEqualTo(1);
        r.read(3);
        assertThat(source.reads.get() - before).as("then from the cache").isEqualTo(1);
        pool.close();
    }

    @Test
    void theCacheHoldsAtMostItsSizeAndDropsTheLeastRecentlyUsed() throws Exception {
        ArchiveCache cache = new ArchiveCache(3L * SEGMENT_BYTES);
        RemoteArchive r = remote(cache, http.port());
        for (long n = 10; n <= 14; n++) {
            r.read(n);
            assertThat(cache.bytes()).isLessThanOrEqualTo(3L * SEGMENT_BYTES);
        }
        assertThat(cache.size()).isEqualTo(3);
        int before = source.reads.get();
        r.read(14);
        r.read(12);
        assertThat(source.reads.get()).as("12..14 are cached").isEqualTo(before);
        r.read(10);
        assertThat(source.reads.get()).as("10 was dropped").isEqualTo(before + 1);
    }

    @Test
    void anUnreachableSourceFailsFastAndAKnownDownHostAtOnce() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        RemoteArchive r = remote(new ArchiveCache(1 << 20), dead);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> r.read(3)).isInstanceOf(ArchiveUnavailableException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_500);
        t0 = System.nanoTime();
        assertThatThrownBy(r::ranges).isInstanceOf(ArchiveUnavailableException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("known down: no new attempt").isLessThan(100);
    }

    @Test
    void aSourceThatAcceptsButNeverAnswersFailsWithinTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            RemoteArchive r = remote(new ArchiveCache(1 << 20), silent.getLocalPort());
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> r.read(4)).isInstanceOf(ArchiveUnavailableException.class);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isBetween(1_500L, 2_600L);
        }
    }

    @Test
    void failsOverToTheNextHostOfTheSource() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        RemoteArchive r = remote(new ArchiveCache(1 << 20), dead, http.port());
        assertThat(r.read(5).orElseThrow().bytes()).isEqualTo(source.get(5).orElseThrow().bytes());
    }

    @Test
    void theWrongKeyIsRefusedAsUnavailable() {
        RemoteArchive r = new RemoteArchive("news/one",
                List.of(new PeerConnector(new HostPort("127.0.0.1", http.port()), new ClusterAuth("wrong"))), new ArchiveCache(1 << 20));
        assertThatThrownBy(() -> r.read(5)).isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("403");
    }

    @Test
    void badArchiveRequestsAreRefusedWithAStatusNotAHang() throws Exception {
        PeerConnector c = host(http.port());
        assertThat(c.fetch(M4fRoute.ARCHIVE + "/news/one?from=5&to=5", java.time.Duration.ofSeconds(2)).status()).isEqualTo(400);
        assertThat(c.fetch(M4fRoute.ARCHIVE + "/news/one?segment=-1", java.time.Duration.ofSeconds(2)).status()).isEqualTo(400);
        assertThat(c.fetch(M4fRoute.ARCHIVE + "/news/one?segment=x", java.time.Duration.ofSeconds(2)).status()).isEqualTo(400);
        assertThat(c.fetch(M4fRoute.ARCHIVE + "/nothing?segment=1", java.time.Duration.ofSeconds(2)).status()).isEqualTo(404);
    }
}
