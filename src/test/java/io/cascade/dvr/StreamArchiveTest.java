package io.cascade.dvr;

import io.cascade.media.DerivedForm;
import io.cascade.media.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static io.cascade.dvr.TestSegments.T0;
import static io.cascade.dvr.TestSegments.TWO_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamArchiveTest {
    @TempDir
    Path dir;

    private StreamArchive recorded(List<Segment> segments) throws IOException {
        StreamArchive a = StreamArchive.open(dir, "news/one");
        for (Segment s : segments) {
            a.append(s);
        }
        return a;
    }

    @Test
    void segmentsAndInitsReadBackByteForByteAfterReopening() throws Exception {
        List<Segment> live = TestSegments.make(100, T0, 5);
        recorded(live);
        StreamArchive reopened = StreamArchive.open(dir, "news/one");
        assertThat(reopened.segmentCount()).isEqualTo(5);
        assertThat(reopened.lastNumber()).isEqualTo(104);
        List<ArchivedSegment> all = reopened.segments(Long.MIN_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < live.size(); i++) {
            Segment back = reopened.read(all.get(i)).get();
            assertThat(back.bytes()).isEqualTo(live.get(i).bytes());
            assertThat(back.number()).isEqualTo(live.get(i).number());
            assertThat(back.startDts()).isEqualTo(live.get(i).startDts());
            assertThat(back.duration()).isEqualTo(live.get(i).duration());
            assertThat(back.init().bytes()).isEqualTo(live.get(i).init().bytes());
            assertThat(back.init().tracks()).isEqualTo(live.get(i).init().tracks());
        }
        assertThat(dir.resolve("news/one/@dvr/2025/12/01/10")).isDirectory();
    }

    @Test
    void findsTheSegmentsOfATimeWindowAndBySecondAndTrackStart() throws Exception {
        List<Segment> live = TestSegments.make(100, T0, 6);
        StreamArchive a = recorded(live);
        assertThat(a.segments(T0 + TWO_SECONDS + 1, T0 + 3 * TWO_SECONDS)).extracting(ArchivedSegment::number)
                .containsExactly(101L, 102L);
        assertThat(a.segments(T0 - 100 * TWO_SECONDS, T0)).isEmpty();
        assertThat(a.segmentsFrom(T0 + 5 * TWO_SECONDS - 1, 10)).extracting(ArchivedSegment::number)
                .containsExactly(104L, 105L);
        assertThat(a.startingInSecond(T0 / 90_000 + 4)).extracting(ArchivedSegment::number).containsExactly(102L);
        ArchivedSegment third = a.segments(T0 + 2 * TWO_SECONDS, T0 + 2 * TWO_SECONDS + 1).getFirst();
        TrackTime audio = third.tracks().get(1);
        assertThat(audio.trackId()).isEqualTo(2);
        assertThat(a.byTrackStart(2, audio.start())).contains(third);
        assertThat(a.byTrackStart(2, audio.start() + 1)).isEmpty();
        assertThat(a.ranges()).containsExactly(new ArchiveRange(T0, T0 + 6 * TWO_SECONDS));
    }

    @Test
    void aGapSplitsTheRangesAndCountsAsADiscontinuity() throws Exception {
        StreamArchive a = recorded(TestSegments.make(100, T0, 3));
        for (Segment s : TestSegments.make(200, T0 + 10 * TWO_SECONDS, 2)) {
            a.append(s);
        }
        assertThat(a.ranges()).containsExactly(new ArchiveRange(T0, T0 + 3 * TWO_SECONDS),
                new ArchiveRange(T0 + 10 * TWO_SECONDS, T0 + 12 * TWO_SECONDS));
        List<ArchivedSegment> all = a.segments(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(a.discontinuitySequence(all.get(2))).isZero();
        assertThat(a.discontinuitySequence(all.get(3))).isEqualTo(1);
        assertThat(a.discontinuitySequence(all.get(4))).isEqualTo(1);
        assertThat(a.runStart(all.get(4))).isEqualTo(T0 + 10 * TWO_SECONDS);
        assertThat(a.runStart(all.get(1))).isEqualTo(T0);
        assertThat(ArchiveTimeline.discontinuous(all.get(2), all.get(3))).isTrue();
        assertThat(ArchiveTimeline.discontinuous(all.get(3), all.get(4))).isFalse();
    }

    @Test
    void aMissingIndexIsMadeAgainFromTheSegmentFiles() throws Exception {
        List<Segment> live = TestSegments.make(100, T0, 4);
        StreamArchive before = recorded(live);
        List<ArchivedSegment> indexed = before.segments(Long.MIN_VALUE, Long.MAX_VALUE);
        Path index = hour().resolve(StreamArchive.INDEX);
        Files.delete(index);
        StreamArchive reopened = StreamArchive.open(dir, "news/one");
        assertThat(reopened.segments(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(indexed);
        assertThat(index).exists();
        assertThat(reopened.read(indexed.get(3)).get().bytes()).isEqualTo(live.get(3).bytes());
    }

    @Test
    void aDamagedOrTornIndexLineIsRepairedFromTheFolder() throws Exception {
        StreamArchive before = recorded(TestSegments.make(100, T0, 4));
        List<ArchivedSegment> indexed = before.segments(Long.MIN_VALUE, Long.MAX_VALUE);
        Path index = hour().resolve(StreamArchive.INDEX);
        List<String> lines = Files.readAllLines(index);
        String damaged = lines.get(1).replaceFirst(" 1", " 9");
        Files.writeString(index, lines.get(0) + "\n" + damaged + "\n" + lines.get(2) + "\n" + lines.get(3).substring(0, 20));
        StreamArchive reopened = StreamArchive.open(dir, "news/one");
        assertThat(reopened.segments(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(indexed);
        assertThat(Files.readAllLines(index)).isEqualTo(lines);
    }

    @Test
    void aSegmentFileWrittenButNotYetIndexedIsIndexedOnOpening() throws Exception {
        StreamArchive before = recorded(TestSegments.make(100, T0, 3));
        List<ArchivedSegment> indexed = before.segments(Long.MIN_VALUE, Long.MAX_VALUE);
        Path index = hour().resolve(StreamArchive.INDEX);
        List<String> lines = Files.readAllLines(index);
        Files.writeString(index, lines.get(0) + "\n" + lines.get(1) + "\n");
        assertThat(StreamArchive.open(dir, "news/one").segments(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(indexed);
    }

    @Test
    void aTruncatedSegmentAndLeftoverTemporaryFilesAreDroppedAndNeverServed() throws Exception {
        List<Segment> live = TestSegments.make(100, T0, 3);
        StreamArchive before = recorded(live);
        ArchivedSegment last = before.last().orElseThrow();
        Path lastFile = hour().resolve(SegmentFiles.fileName(last));
        byte[] whole = Files.readAllBytes(lastFile);
        Files.write(lastFile, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path leftover = hour().resolve(".103_x.m4s.tmp");
        Files.write(leftover, new byte[] {1, 2, 3});
        StreamArchive reopened = StreamArchive.open(dir, "news/one");
        assertThat(reopened.segments(Long.MIN_VALUE, Long.MAX_VALUE)).extracting(ArchivedSegment::number)
                .containsExactly(100L, 101L);
        assertThat(leftover).doesNotExist();
        assertThat(lastFile).doesNotExist();
        assertThat(reopened.lastNumber()).isEqualTo(101);
    }

    @Test
    void aSegmentDamagedAfterOpeningIsRefusedWhenRead() throws Exception {
        StreamArchive a = recorded(TestSegments.make(100, T0, 2));
        ArchivedSegment last = a.last().orElseThrow();
        Files.write(hour().resolve(SegmentFiles.fileName(last)), new byte[10]);
        assertThatThrownBy(() -> a.read(last).get()).hasMessageContaining("instead of");
    }

    @Test
    void deletingEverySegmentOfAnHourRemovesItsFolders() throws Exception {
        StreamArchive a = recorded(TestSegments.make(100, T0, 3));
        List<ArchivedSegment> all = a.segments(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(a.ranges()).containsExactly(new ArchiveRange(T0, T0 + 3 * TWO_SECONDS));
        a.delete(all.subList(0, 1));
        assertThat(Files.readAllLines(hour().resolve(StreamArchive.INDEX))).hasSize(2);
        assertThat(a.ranges()).containsExactly(new ArchiveRange(T0 + TWO_SECONDS, T0 + 3 * TWO_SECONDS));
        a.delete(all.subList(1, 3));
        assertThat(dir.resolve("news/one/@dvr/2025")).doesNotExist();
        assertThat(StreamArchive.open(dir, "news/one").segmentCount()).isZero();
    }

    @Test
    void locksAreKeptAcrossRestarts() throws Exception {
        StreamArchive a = recorded(TestSegments.make(100, T0, 3));
        a.addLock(new ArchiveRange(T0 + TWO_SECONDS, T0 + TWO_SECONDS + 1));
        StreamArchive reopened = StreamArchive.open(dir, "news/one");
        List<ArchivedSegment> all = reopened.segments(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(all).extracting(reopened::isLocked).containsExactly(false, true, false);
        assertThat(reopened.removeLocks(new ArchiveRange(T0, T0 + 10 * TWO_SECONDS))).isEqualTo(1);
        assertThat(StreamArchive.open(dir, "news/one").locks()).isEmpty();
    }

    @Test
    void anIndexLineHoldsEverythingAndRefusesDamage() {
        ArchivedSegment s = new ArchivedSegment(7, T0, TWO_SECONDS, 1234, "0123456789abcdef", true,
                List.of(new TrackTime(1, T0, TWO_SECONDS), new TrackTime(2, T0 - 960, TWO_SECONDS + 10)));
        String line = SegmentFiles.indexLine(s);
        assertThat(SegmentFiles.parseIndexLine(line.strip())).contains(s);
        assertThat(SegmentFiles.parseIndexLine(line.strip().replace("1234", "1235"))).isEmpty();
        assertThat(SegmentFiles.parseIndexLine("garbage")).isEmpty();
        ArchivedSegment named = SegmentFiles.parseFileName(SegmentFiles.fileName(s)).orElseThrow();
        assertThat(named).isEqualTo(new ArchivedSegment(7, T0, TWO_SECONDS, 1234, "0123456789abcdef", true, List.of()));
        assertThat(SegmentFiles.parseFileName("../etc_passwd.m4s")).isEmpty();
    }

    private Path hour() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().equals(StreamArchive.INDEX)).findFirst()
                    .orElseThrow().getParent();
        }
    }


    @Test
    void aCachedSegmentIsOneObjectPerReadAndItsFormsAreReleasedWhenItIsDeleted() throws Exception {
        StreamArchive a = recorded(TestSegments.make(100, T0, 3));
        ArchivedSegment first = a.segments(Long.MIN_VALUE, Long.MAX_VALUE).getFirst();
        Segment read = a.read(first).get();
        assertThat(a.sharesReads()).isTrue();
        assertThat(a.read(first).get()).isSameAs(read);
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable form = read.derived(DerivedForm.named("test-body"), seg -> () -> closed.set(true));
        assertThat(form).isNotNull();
        assertThat(closed).isFalse();

        a.delete(List.of(first));

        assertThat(closed).isTrue();
    }
}
