package io.cascade.cluster;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Replication finds the holes of a local archive and fills them at a bounded rate (a fake clock). */
class ArchiveReplicatorTest {
    private static final long T0 = 1_700_000_000_000L * 90;
    private static final long DUR = 180_000;
    private static final byte[] INIT = {'i', 'n', 'i', 't'};

    private static byte[] bytes(long n, int size) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) n);
        return b;
    }

    private static ArchivedSegment seg(long n) {
        return new ArchivedSegment(n, T0 + n * DUR, DUR, 1, false);
    }

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();
    private final ByteRateLimit.Sleeper fakeSleep = nanos -> {
        slept.addAndGet(nanos);
        now.addAndGet(nanos);
    };

    @Test
    void findsExactlyTheSegmentsTheLocalArchiveLacksAndCopiesThemVerbatim() throws Exception {
        MemoryArchive source = new MemoryArchive();
        MemoryArchive local = new MemoryArchive();
        for (long n = 1; n <= 30; n++) {
            source.add(seg(n), INIT, bytes(n, 100));
            if (n < 10 || n > 17) {
                local.add(seg(n), INIT, bytes(n, 100));
            }
        }
        source.remove(12); // a hole the source has too: not a hole to fill
        ArchiveReplicator r = new ArchiveReplicator("news", source, local, new ByteRateLimit(1 << 20, now::get, fakeSleep));
        assertThat(r.missing(T0, T0 + 40 * DUR)).extracting(ArchivedSegment::number)
                .containsExactly(10L, 11L, 13L, 14L, 15L, 16L, 17L);
        assertThat(r.fill(T0, T0 + 40 * DUR)).isEqualTo(7);
        assertThat(local.numbers()).hasSize(29).doesNotContain(12L);
        for (long n : local.numbers()) {
            assertThat(local.get(n).orElseThrow().bytes()).isEqualTo(source.get(n).orElseThrow().bytes());
            assertThat(local.get(n).orElseThrow().segment()).isEqualTo(source.get(n).orElseThrow().segment());
        }
        assertThat(r.missing(T0, T0 + 40 * DUR)).as("nothing left").isEmpty();
    }

    @Test
    void onlyTheWindowAskedForIsCompared() throws Exception {
        MemoryArchive source = new MemoryArchive();
        MemoryArchive local = new MemoryArchive();
        for (long n = 1; n <= 10; n++) {
            source.add(seg(n), INIT, bytes(n, 10));
        }
        ArchiveReplicator r = new ArchiveReplicator("news", source, local, new ByteRateLimit(1 << 20, now::get, fakeSleep));
        assertThat(r.missing(T0 + 4 * DUR, T0 + 6 * DUR)).extracting(ArchivedSegment::number).containsExactly(4L, 5L);
    }

    @Test
    void theRateBoundsTheCopyAfterOneSecondOfBurst() throws Exception {
        MemoryArchive source = new MemoryArchive();
        MemoryArchive local = new MemoryArchive();
        for (long n = 1; n <= 10; n++) {
            source.add(seg(n), INIT, bytes(n, 1_000_000));
        }
        long rate = 2_000_000;
        ArchiveReplicator r = new ArchiveReplicator("news", source, local, new ByteRateLimit(rate, now::get, fakeSleep));
        r.fill(T0, T0 + 20 * DUR);
        // 10 MB at 2 MB/s with 2 MB of burst: 4 s of waiting, to the millisecond
        assertThat(slept.get() / 1_000_000).isBetween(3_990L, 4_010L);
        assertThat(local.numbers()).hasSize(10);
    }

    @Test
    void theBucketRefillsWithTimeButNeverBeyondOneSecond() throws Exception {
        ByteRateLimit limit = new ByteRateLimit(1000, now::get, fakeSleep);
        limit.acquire(1000);
        assertThat(slept.get()).isZero();
        now.addAndGet(60_000_000_000L); // a minute idle
        limit.acquire(1000);
        assertThat(slept.get()).as("still within one second of burst").isZero();
        limit.acquire(500);
        assertThat(slept.get() / 1_000_000).isEqualTo(500);
    }
}
