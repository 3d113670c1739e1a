package io.cascade.dvrcluster;

import io.cascade.cluster.ArchiveIndex;
import io.cascade.cluster.ArchiveRange;
import io.cascade.cluster.ArchiveUnavailableException;
import io.cascade.cluster.SegmentCopy;
import io.cascade.dvr.ArchiveUnreachableException;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.dvr.InitIds;
import io.cascade.dvr.StreamArchive;
import io.cascade.dvr.TestSegments;
import io.cascade.media.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.cascade.dvr.TestSegments.T0;
import static io.cascade.dvr.TestSegments.TWO_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveAdaptersTest {
    @TempDir
    Path dir;

    /** Five segments, a gap of 10 segments, then three more. */
    private StreamArchive origin() throws IOException {
        StreamArchive a = StreamArchive.open(dir.resolve("origin"), "news");
        for (Segment s : TestSegments.make(100, T0, 5)) {
            a.append(s);
        }
        for (Segment s : TestSegments.make(115, T0 + 15 * TWO_SECONDS, 3)) {
            a.append(s);
        }
        return a;
    }

    @Test
    void aSourcesArchiveReadsBackAsTheLocalOneWithTheSameSegmentsInitsAndBytes() throws Exception {
        StreamArchive origin = origin();
        SourceArchive remote = new SourceArchive(new LocalArchiveIndex(origin));
        List<ArchivedSegment> want = origin.segments(0, Long.MAX_VALUE);
        List<ArchivedSegment> got = remote.segments(0, Long.MAX_VALUE);
        // size and track times too: a DASH manifest is written from them
        assertThat(got).isEqualTo(want);
        assertThat(got.get(0).tracks()).hasSize(2);
        assertThat(remote.ranges()).isEqualTo(origin.ranges());
        for (int i = 0; i < want.size(); i++) {
            assertThat(remote.discontinuitySequence(got.get(i))).as("sequence of " + want.get(i).number())
                    .isEqualTo(origin.discontinuitySequence(want.get(i)));
            assertThat(remote.runStart(got.get(i))).isEqualTo(origin.runStart(want.get(i)));
            assertThat(remote.read(got.get(i)).join().bytes()).isEqualTo(origin.read(want.get(i)).join().bytes());
        }
        String initId = want.get(0).initId();
        assertThat(remote.init(initId).join().bytes()).isEqualTo(origin.init(initId).join().bytes());
        assertThat(remote.newestInitId()).contains(initId);
        long second = Math.floorDiv(want.get(6).startDts(), 90_000);
        assertThat(remote.startingInSecond(second)).extracting(ArchivedSegment::number)
                .containsExactlyElementsOf(origin.startingInSecond(second).stream().map(ArchivedSegment::number).toList());
        assertThat(remote.segmentsFrom(want.get(3).startDts() + 1, 3)).extracting(ArchivedSegment::number)
                .containsExactly(103L, 104L, 115L);
        for (ArchivedSegment w : want) {
            for (var t : w.tracks()) {
                assertThat(remote.byTrackStart(t.trackId(), t.start())).as("track " + t.trackId() + " of " + w.number())
                        .isEqualTo(origin.byTrackStart(t.trackId(), t.start())).isPresent();
            }
        }
        var audio = want.get(1).tracks().get(1);
        assertThat(remote.byTrackStart(audio.trackId(), audio.start() + 1)).as("a start no fragment has").isEmpty();
    }

    @Test
    void aDiscontinuityTheSourceFlaggedWithNoGapCountsOnTheRestreamerToo() throws Exception {
        StreamArchive origin = StreamArchive.open(dir.resolve("flagged"), "news");
        List<Segment> made = TestSegments.make(100, T0, 8);
        for (Segment s : made) {
            boolean flag = s.number() == 104;
            origin.append(flag ? Segment.complete(s.number(), s.startDts(), s.duration(), s.init(), true, s.bytes()) : s);
        }
        assertThat(origin.ranges()).as("no gap: one range").hasSize(1);
        SourceArchive remote = new SourceArchive(new LocalArchiveIndex(origin));
        List<ArchivedSegment> want = origin.segments(0, Long.MAX_VALUE);
        List<ArchivedSegment> got = remote.segments(0, Long.MAX_VALUE);
        assertThat(origin.discontinuitySequence(want.getLast())).as("the flag counts on the origin").isEqualTo(1);
        for (int i = 0; i < want.size(); i++) {
            assertThat(remote.discontinuitySequence(got.get(i))).as("sequence of " + want.get(i).number())
                    .isEqualTo(origin.discontinuitySequence(want.get(i)));
            assertThat(remote.runStart(got.get(i))).as("run start of " + want.get(i).number())
                    .isEqualTo(origin.runStart(want.get(i)));
        }
    }

    @Test
    void aTrackStartNotListedYetIsLookedUpForTheNextRequest() throws Exception {
        StreamArchive origin = origin();
        SourceArchive remote = new SourceArchive(new LocalArchiveIndex(origin));
        ArchivedSegment want = origin.segments(0, Long.MAX_VALUE).get(3);
        var audio = want.tracks().get(1);
        assertThat(remote.byTrackStart(audio.trackId(), audio.start())).as("nothing listed yet, and no waiting").isEmpty();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (remote.byTrackStart(audio.trackId(), audio.start()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(remote.byTrackStart(audio.trackId(), audio.start())).contains(want);
    }

    @Test
    void aSegmentNameNotListedYetIsLookedUpForTheNextRequest() throws Exception {
        StreamArchive origin = origin();
        SourceArchive remote = new SourceArchive(new LocalArchiveIndex(origin));
        ArchivedSegment want = origin.segments(0, Long.MAX_VALUE).get(2);
        long second = Math.floorDiv(want.startDts(), 90_000);
        assertThat(remote.startingInSecond(second)).as("nothing listed yet, and no waiting").isEmpty();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (remote.startingInSecond(second).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(remote.startingInSecond(second)).extracting(ArchivedSegment::number).containsExactly(want.number());
    }

    @Test
    void theOriginFindsASegmentByNumberAndAnInitByItsWireVersion() throws Exception {
        StreamArchive origin = origin();
        LocalArchiveIndex index = new LocalArchiveIndex(origin);
        assertThat(index.read(116).orElseThrow().segment().startDts()).isEqualTo(T0 + 16 * TWO_SECONDS);
        assertThat(index.read(110)).as("in the gap").isEmpty();
        String id = origin.newestInitId().orElseThrow();
        assertThat(index.init(InitIds.version(id)).orElseThrow()).isEqualTo(origin.init(id).join().bytes());
        assertThat(index.init(InitIds.version(id) + 1)).isEmpty();
        assertThat(index.segments(0, Long.MAX_VALUE, 2)).hasSize(2);
        assertThat(index.ranges()).hasSize(2);
    }

    @Test
    void replicationStoresTheSourcesSegmentsUnderTheirNumbers() throws Exception {
        StreamArchive origin = origin();
        StreamArchive copy = StreamArchive.open(dir.resolve("replica"), "news");
        ReplicaStore replica = new ReplicaStore(copy);
        LocalArchiveIndex source = new LocalArchiveIndex(origin);
        for (io.cascade.cluster.ArchivedSegment s : source.segments(0, Long.MAX_VALUE, 100)) {
            assertThat(replica.has(s.number())).isFalse();
            SegmentCopy c = source.read(s.number()).orElseThrow();
            replica.store(c.segment(), source.init(s.initVersion()).orElseThrow(), c.bytes());
            replica.store(c.segment(), source.init(s.initVersion()).orElseThrow(), c.bytes());
            assertThat(replica.has(s.number())).isTrue();
        }
        assertThat(copy.segments(0, Long.MAX_VALUE)).isEqualTo(origin.segments(0, Long.MAX_VALUE));
        ArchivedSegment last = copy.last().orElseThrow();
        assertThat(copy.read(last).join().bytes()).isEqualTo(origin.read(origin.last().orElseThrow()).join().bytes());
    }

    @Test
    void anUnreachableSourceIsAnUnreachableArchiveAndTheLastRangesStay() throws Exception {
        StreamArchive origin = origin();
        boolean[] down = {false};
        ArchiveIndex flaky = new ArchiveIndex() {
            final LocalArchiveIndex real = new LocalArchiveIndex(origin);

            @Override
            public List<ArchiveRange> ranges() throws IOException {
                check();
                return real.ranges();
            }

            @Override
            public List<io.cascade.cluster.ArchivedSegment> segments(long from, long to, int limit) throws IOException {
                check();
                return real.segments(from, to, limit);
            }

            @Override
            public Optional<SegmentCopy> read(long number) throws IOException {
                check();
                return real.read(number);
            }

            @Override
            public Optional<byte[]> init(int version) throws IOException {
                check();
                return real.init(version);
            }

            private void check() throws ArchiveUnavailableException {
                if (down[0]) {
                    throw new ArchiveUnavailableException("down");
                }
            }
        };
        long[] now = {0};
        SourceArchive remote = new SourceArchive(flaky, () -> now[0]);
        List<ArchivedSegment> listed = remote.segments(0, Long.MAX_VALUE);
        down[0] = true;
        now[0] += SourceArchive.RANGES_MILLIS;
        assertThatThrownBy(() -> remote.segments(0, Long.MAX_VALUE)).isInstanceOf(ArchiveUnreachableException.class);
        assertThat(remote.ranges()).as("answered at once from what is known").isEqualTo(origin.ranges());
        assertThat(remote.read(listed.get(0))).failsWithin(java.time.Duration.ofSeconds(5))
                .withThrowableThat().matches(ArchiveUnreachableException::isCause);
    }
}
