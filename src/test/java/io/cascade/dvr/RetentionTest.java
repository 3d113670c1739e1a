package io.cascade.dvr;

import io.cascade.media.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static io.cascade.dvr.TestSegments.T0;
import static io.cascade.dvr.TestSegments.TWO_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

class RetentionTest {
    @TempDir
    Path dir;

    private StreamArchive archive(String name, long first, long start, int count) throws Exception {
        StreamArchive a = StreamArchive.open(dir, name);
        for (Segment s : TestSegments.make(first, start, count)) {
            a.append(s);
        }
        return a;
    }

    @Test
    void segmentsOlderThanTheDepthGoUnlessLocked() throws Exception {
        StreamArchive a = archive("a", 100, T0, 10);
        a.addLock(new ArchiveRange(T0 + TWO_SECONDS, T0 + TWO_SECONDS + 1));
        long now = T0 + 10 * TWO_SECONDS; // depth 10 s: what ended by T0 + 10 s goes
        Retention r = new Retention(p -> 0, () -> now);
        r.add(new Retention.Rules(a, dir, Duration.ofSeconds(10), OptionalInt.empty()));
        assertThat(r.check()).isEqualTo(4);
        assertThat(a.segments(Long.MIN_VALUE, Long.MAX_VALUE)).extracting(ArchivedSegment::number)
                .containsExactly(101L, 105L, 106L, 107L, 108L, 109L);
        assertThat(StreamArchive.open(dir, "a").segmentCount()).isEqualTo(6);
    }

    @Test
    void aFullDiskRemovesTheOldestUnlockedSegmentsOfLimitedStreamsUntilBelowTheLimit() throws Exception {
        StreamArchive a = archive("a", 100, T0, 5);
        StreamArchive b = archive("b", 300, T0 + TWO_SECONDS, 5);
        StreamArchive unlimited = archive("c", 500, T0 - 10 * TWO_SECONDS, 5);
        a.addLock(new ArchiveRange(T0, T0 + 1));
        // Each stored segment counts 10 % of the disk: 15 of them, so 150 % until some go.
        DiskUsage usage = p -> 10.0 * (a.segmentCount() + b.segmentCount() + unlimited.segmentCount()) - 80;
        Retention r = new Retention(usage, () -> T0);
        r.add(new Retention.Rules(a, dir, Duration.ofDays(1), OptionalInt.of(50)));
        r.add(new Retention.Rules(b, dir, Duration.ofDays(1), OptionalInt.of(50)));
        r.add(new Retention.Rules(unlimited, dir, Duration.ofDays(1), OptionalInt.empty()));
        assertThat(r.check()).isEqualTo(3);
        assertThat(unlimited.segmentCount()).isEqualTo(5);
        // Oldest first across a and b: b's first (T0+2s) and a's second (T0+2s), then a's third; a's locked first stays.
        assertThat(a.segments(Long.MIN_VALUE, Long.MAX_VALUE)).extracting(ArchivedSegment::number)
                .containsExactly(100L, 103L, 104L);
        assertThat(b.segments(Long.MIN_VALUE, Long.MAX_VALUE)).extracting(ArchivedSegment::number)
                .containsExactly(301L, 302L, 303L, 304L);
    }

    @Test
    void aDiskThatStaysFullStopsWhenNothingUnlockedIsLeft() throws Exception {
        StreamArchive a = archive("a", 100, T0, 3);
        a.addLock(new ArchiveRange(T0 + 2 * TWO_SECONDS, T0 + 3 * TWO_SECONDS));
        Retention r = new Retention(p -> 99, () -> T0);
        r.add(new Retention.Rules(a, dir, Duration.ofDays(1), OptionalInt.of(90)));
        assertThat(r.check()).isEqualTo(2);
        assertThat(a.segments(Long.MIN_VALUE, Long.MAX_VALUE)).extracting(ArchivedSegment::number).containsExactly(102L);
    }

    @Test
    void theRecorderSaysOnceThatItStoppedAndResumesWhenTheFolderTakesWritesAgain() throws Exception {
        StreamArchive a = StreamArchive.open(dir, "r");
        List<Segment> segments = TestSegments.make(100, T0, 4);
        try (Recorder rec = new Recorder(a, () -> { })) {
            rec.onSegmentClosed(segments.get(0));
            awaitWritten(rec, 1);
            Path root = a.root();
            java.nio.file.Files.walk(root).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            java.nio.file.Files.writeString(dir.resolve("r/" + StreamArchive.FOLDER), "a file where the folder was");
            rec.onSegmentClosed(segments.get(1));
            rec.onSegmentClosed(segments.get(2));
            awaitPending(rec);
            assertThat(rec.failure()).isNotNull();
            assertThat(rec.written()).isEqualTo(1);
            java.nio.file.Files.delete(dir.resolve("r/" + StreamArchive.FOLDER));
            java.nio.file.Files.createDirectories(root.resolve("init"));
            rec.onSegmentClosed(segments.get(3));
            awaitWritten(rec, 2);
            assertThat(rec.failure()).isNull();
        }
    }

    private static void awaitWritten(Recorder rec, long n) throws InterruptedException {
        for (int i = 0; i < 500 && rec.written() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(rec.written()).isEqualTo(n);
    }

    private static void awaitPending(Recorder rec) throws InterruptedException {
        for (int i = 0; i < 500 && rec.pendingBytes() > 0; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(20);
    }
}
