package io.cascade.dvr;

import io.cascade.media.Segment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.cascade.dvr.TestSegments.T0;
import static org.assertj.core.api.Assertions.assertThat;

class RecorderTest {

    /** A disk that takes nothing until released. */
    private static final class StuckDisk implements SegmentWriter {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> written = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "stuck";
        }

        @Override
        public Path root() {
            return Path.of("stuck");
        }

        @Override
        public void write(Segment segment) throws java.io.IOException {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(segment.number());
        }
    }

    @Test
    void aSlowDiskNeverBlocksTheStreamAndWhatDoesNotFitIsDroppedAndCounted() throws Exception {
        List<Segment> segments = TestSegments.make(100, T0, 6);
        long size = segments.getFirst().size();
        StuckDisk disk = new StuckDisk();
        try (Recorder rec = new Recorder(disk, () -> { }, size * 3 + size / 2)) {
            long started = System.nanoTime();
            segments.forEach(rec::onSegmentClosed); // the store's thread: must return at once
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(rec.dropped()).isEqualTo(3);
            assertThat(rec.pendingBytes()).isLessThanOrEqualTo(size * 3 + size / 2);
            disk.release.countDown();
            for (int i = 0; i < 500 && rec.written() < 3; i++) {
                Thread.sleep(10);
            }
            assertThat(disk.written).containsExactly(100L, 101L, 102L);
            assertThat(rec.failure()).isNull();
        }
    }

    @Test
    void segmentsMadeFromTheBackupFileAreNotRecorded() throws Exception {
        List<Segment> segments = TestSegments.make(100, T0, 4);
        StuckDisk disk = new StuckDisk();
        disk.release.countDown();
        try (Recorder rec = new Recorder(disk, () -> { }, Recorder.MAX_PENDING_BYTES, n -> n == 101 || n == 102)) {
            segments.forEach(rec::onSegmentClosed);
            for (int i = 0; i < 500 && rec.written() < 2; i++) {
                Thread.sleep(10);
            }
            assertThat(disk.written).containsExactly(100L, 103L);
            assertThat(rec.dropped()).isZero();
        }
    }

    @Test
    void aFolderThatCannotBeOpenedAtStartIsOpenedByTheFirstWriteThatCan(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("s"), "a file where the stream's folder goes");
        List<StreamArchive> opened = new CopyOnWriteArrayList<>();
        OpeningArchive archive = new OpeningArchive(dir, "s", opened::add);
        List<Segment> segments = TestSegments.make(100, T0, 2);
        try (Recorder rec = new Recorder(archive, () -> { })) {
            rec.onSegmentClosed(segments.get(0));
            for (int i = 0; i < 500 && rec.failure() == null; i++) {
                Thread.sleep(10);
            }
            assertThat(rec.failure()).isNotNull();
            assertThat(archive.archive()).isEmpty();
            java.nio.file.Files.delete(dir.resolve("s"));
            rec.onSegmentClosed(segments.get(1));
            for (int i = 0; i < 500 && rec.written() < 1; i++) {
                Thread.sleep(10);
            }
            assertThat(rec.failure()).isNull();
            assertThat(opened).hasSize(1);
            assertThat(archive.archive().orElseThrow().segments(Long.MIN_VALUE, Long.MAX_VALUE))
                    .extracting(ArchivedSegment::number).containsExactly(101L);
        }
    }
}
