package io.cascade.cluster;

import io.cascade.config.DvrConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** When replication compares: once when a stream is taken, and again each time a source comes back. */
class ArchiveReplicationTest {
    private static final long DUR = 180_000;

    @Test
    void comparesOnceAtFirstAndAgainOnlyAfterASourceCameBack() throws Exception {
        long t0 = System.currentTimeMillis() * 90 - 60 * 90_000;
        MemoryArchive source = new MemoryArchive();
        MemoryArchive local = new MemoryArchive();
        for (long n = 1; n <= 10; n++) {
            source.add(new ArchivedSegment(n, t0 + n * DUR, DUR, 1, false), new byte[] {1}, new byte[] {(byte) n});
        }
        DvrConfig dvr = new DvrConfig("/x", Duration.ofHours(1), OptionalInt.empty(), OptionalLong.of(1 << 20));
        try (ArchiveReplication r = new ArchiveReplication(name -> Optional.of(local), name -> source, () -> Map.of("news", dvr))) {
            r.start();
            await(() -> local.numbers().size() == 10);
            local.remove(4);
            int listings = source.listings.get();
            Thread.sleep(2 * ArchiveReplication.CHECK_MILLIS + 200);
            assertThat(local.has(4)).as("no new comparison while the source stayed").isFalse();
            assertThat(source.listings.get()).isEqualTo(listings);
            r.sourceBack();
            await(() -> local.has(4));
            assertThat(local.get(4).orElseThrow().bytes()).containsExactly(4);
        }
    }

    private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(end);
            Thread.sleep(50);
        }
    }
}
