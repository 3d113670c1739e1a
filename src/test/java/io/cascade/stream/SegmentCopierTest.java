package io.cascade.stream;

import io.cascade.cmaf.CmafInitWriter;
import io.cascade.codec.AvcConfig;
import io.cascade.input.SegmentOutOfBoundsException;
import io.cascade.media.Codec;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.SegmentTarget;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentCopierTest {
    private static final long T0 = 1_700_000_000L * Timebase.HZ;
    private static final long DUR = 2 * Timebase.HZ;
    private static byte[] init640;
    private static byte[] init320;

    private SegmentStore store;
    private SegmentCopier copier;
    private final AtomicInteger dataCalls = new AtomicInteger();
    /** The wall clock: a little after the segments the tests copy. */
    private final AtomicLong now = new AtomicLong(start(30));

    @BeforeAll
    static void makeInits() throws Exception {
        AvcConfig golden = GoldenSamples.h264Config(); // x264 output, committed: no encoder needed
        byte[] sps = golden.sps().getFirst();
        byte[] pps = golden.pps().getFirst();
        byte[] avcC = AvcConfig.build(List.of(sps), List.of(pps));
        init640 = CmafInitWriter.write(List.of(Track.video(1, Codec.H264, avcC, 640, 360, 25)));
        init320 = CmafInitWriter.write(List.of(Track.video(1, Codec.H264, avcC, 320, 180, 25)));
    }

    @BeforeEach
    void newStore() {
        store = new SegmentStore(10);
        copier = new SegmentCopier("test", store, DUR, now::get, dataCalls::incrementAndGet);
    }

    private static long start(long n) {
        return T0 + n * DUR;
    }

    /** Copies upstream segment {@code n} whole (two chunks), at its place on upstream's timeline. */
    private boolean copy(long n, boolean discontinuity) throws Exception {
        return copy(n, start(n), discontinuity);
    }

    private boolean copy(long n, long startDts, boolean discontinuity) throws Exception {
        if (!copier.onSegmentStarted(n, startDts, 1, discontinuity)) {
            return false;
        }
        copier.onChunk(n, new byte[] {(byte) n, 1});
        copier.onChunk(n, new byte[] {(byte) n, 2});
        copier.onSegmentClosed(n, DUR);
        return true;
    }

    private List<Long> numbers() {
        return store.closedSegments().stream().map(Segment::number).toList();
    }

    private Segment segment(long number) {
        return store.byNumber(number).orElseThrow();
    }

    @Test
    void segmentsAreCopiedVerbatim() throws Exception {
        now.set(start(110));
        copier.onInit(1, init640);
        assertThat(copier.nextWanted()).isEqualTo(-1);

        assertThat(copy(100, false)).isTrue();
        assertThat(copier.onSegmentStarted(101, start(101), 1, true)).isTrue();
        copier.onChunk(101, new byte[] {7});
        assertThat(store.growing().orElseThrow().bytes()).as("readable while it grows").containsExactly(7);
        copier.onChunk(101, new byte[] {8, 9});
        copier.onSegmentClosed(101, DUR - 1);

        assertThat(numbers()).containsExactly(100L, 101L);
        Segment first = segment(100);
        assertThat(first.startDts()).isEqualTo(start(100));
        assertThat(first.duration()).isEqualTo(DUR);
        assertThat(first.discontinuity()).isFalse();
        assertThat(first.bytes()).containsExactly(100, 1, 100, 2);
        assertThat(first.init().bytes()).isEqualTo(init640);
        assertThat(first.init().version()).isEqualTo(1);
        Segment second = segment(101);
        assertThat(second.discontinuity()).isTrue();
        assertThat(second.duration()).isEqualTo(DUR - 1);
        assertThat(second.bytes()).containsExactly(7, 8, 9);
        assertThat(store.init().orElseThrow().bytes()).isEqualTo(init640);
        assertThat(copier.nextWanted()).isEqualTo(102);
        assertThat(dataCalls.get()).as("each start and chunk is data").isEqualTo(6);
    }

    @Test
    void aNumberAlreadyCopiedIsRefusedAndItsChunksIgnored() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        copy(11, false);

        assertThat(copier.onSegmentStarted(11, start(11), 1, false)).isFalse();
        copier.onChunk(11, new byte[] {99});
        copier.onSegmentClosed(11, DUR);
        assertThat(copier.onSegmentStarted(10, start(10), 1, false)).isFalse();

        assertThat(numbers()).containsExactly(10L, 11L);
        assertThat(segment(11).bytes()).containsExactly(11, 1, 11, 2);
        assertThat(store.growing()).isEmpty();
        assertThat(copy(12, false)).isTrue();
    }

    @Test
    void aSegmentGoingBackInTimeIsRefused() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);

        assertThat(copier.onSegmentStarted(11, start(11) - 1, 1, false)).isFalse();
        assertThat(store.lastNumber()).isEqualTo(10);
        assertThat(copier.nextWanted()).isEqualTo(11);
    }

    @Test
    void aSegmentWithAnUnknownInitIsRefused() throws Exception {
        copier.onInit(1, init640);
        assertThat(copier.onSegmentStarted(10, start(10), 2, false)).isFalse();
        assertThat(store.growing()).isEmpty();
    }

    @Test
    void aGapRenumbersToTheNextNumberWithADiscontinuityOnce() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        copy(11, false);

        assertThat(copy(15, false)).isTrue();
        assertThat(copy(16, false)).isTrue();
        assertThat(copy(17, false)).isTrue();

        assertThat(numbers()).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(segment(12).discontinuity()).isTrue();
        assertThat(segment(12).startDts()).isEqualTo(start(15));
        assertThat(segment(12).bytes()).containsExactly(15, 1, 15, 2);
        assertThat(segment(13).discontinuity()).as("continues the renumbered run").isFalse();
        assertThat(segment(14).discontinuity()).isFalse();
        assertThat(copier.nextWanted()).as("asked in upstream's numbers").isEqualTo(18);
    }

    @Test
    void upstreamsNumbersAndFlagsAreKeptForRenumberedSegments() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        copy(11, false);
        copy(15, false);
        copy(16, true);

        assertThat(copier.upstream(11)).as("stored as upstream named it").isEmpty();
        assertThat(copier.upstream(12)).contains(new UpstreamSegment(15, false));
        assertThat(segment(12).discontinuity()).as("flagged here for the gap").isTrue();
        assertThat(copier.upstream(13)).contains(new UpstreamSegment(16, true));
    }

    @Test
    void aSourceWithLowerNumbersIsFollowedFromTheNextNumber() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        copy(11, false);

        assertThat(copy(3, start(12), false)).isTrue();
        assertThat(copy(4, start(13), false)).isTrue();

        assertThat(numbers()).containsExactly(10L, 11L, 12L, 13L);
        assertThat(segment(12).discontinuity()).isTrue();
        assertThat(segment(13).discontinuity()).isFalse();
    }

    @Test
    void aJumpOnTheTimelineIsADiscontinuityWithoutRenumbering() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        copy(11, start(11) + 10 * Timebase.HZ, false);
        copy(12, start(12) + 10 * Timebase.HZ, false);

        assertThat(numbers()).containsExactly(10L, 11L, 12L);
        assertThat(segment(11).discontinuity()).isTrue();
        assertThat(segment(12).discontinuity()).isFalse();
    }

    @Test
    void anInterruptedSegmentIsDroppedAndCanBeCopiedAgainWhole() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        copier.onSegmentStarted(11, start(11), 1, false);
        copier.onChunk(11, new byte[] {1});

        copier.onInterrupted();

        assertThat(store.growing()).isEmpty();
        assertThat(store.lastNumber()).isEqualTo(10);
        assertThat(copier.nextWanted()).isEqualTo(11);
        copier.onChunk(11, new byte[] {2});
        copier.onSegmentClosed(11, DUR);
        assertThat(store.byNumber(11)).as("late chunks of the dropped copy are ignored").isEmpty();

        assertThat(copy(11, false)).isTrue();
        assertThat(segment(11).bytes()).containsExactly(11, 1, 11, 2);
        assertThat(segment(11).discontinuity()).isFalse();
    }

    @Test
    void anUpstreamAbortDropsOnlyTheSegmentItNames() throws Exception {
        copier.onInit(1, init640);
        copier.onSegmentStarted(5, start(5), 1, false);
        copier.onSegmentAborted(4);
        assertThat(store.growing()).isPresent();

        copier.onSegmentAborted(5);
        assertThat(store.growing()).isEmpty();
        assertThat(copy(5, false)).isTrue();
        assertThat(numbers()).containsExactly(5L);
    }

    @Test
    void interruptingWithNothingOpenChangesNothing() throws Exception {
        copier.onInit(1, init640);
        copy(5, false);
        copier.onInterrupted();
        assertThat(numbers()).containsExactly(5L);
        assertThat(store.lastNumber()).isEqualTo(5);
    }

    @Test
    void sameInitBytesKeepTheSameInitSegment() throws Exception {
        copier.onInit(1, init640);
        InitSegment first = store.init().orElseThrow();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.tracks()).singleElement().satisfies(t -> assertThat(t.width()).isEqualTo(640));

        copier.onInit(1, init640.clone());
        copier.onInit(7, init640.clone());

        assertThat(store.init().orElseThrow()).isSameAs(first);
        assertThat(copier.onSegmentStarted(1, start(1), 7, false)).as("version 7 names the same init").isTrue();
        assertThat(store.growing().orElseThrow().init()).isSameAs(first);
    }

    @Test
    void newInitBytesMakeANewVersion() throws Exception {
        copier.onInit(1, init640);
        copy(1, false);

        copier.onInit(2, init320);
        InitSegment second = store.init().orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.bytes()).isEqualTo(init320);
        assertThat(second.tracks()).singleElement().satisfies(t -> assertThat(t.width()).isEqualTo(320));
        assertThat(copier.onSegmentStarted(2, start(2), 2, false)).isTrue();
        assertThat(store.growing().orElseThrow().init()).isSameAs(second);
        assertThat(segment(1).init().version()).as("closed segments keep theirs").isEqualTo(1);
    }

    @Test
    void anotherSourcesLowerVersionOfNewBytesStillRises() throws Exception {
        copier.onInit(5, init640);
        copier.onInit(1, init320);

        InitSegment now = store.init().orElseThrow();
        assertThat(now.version()).isEqualTo(6);
        assertThat(now.bytes()).isEqualTo(init320);
        assertThat(copier.onSegmentStarted(1, start(1), 1, false)).isTrue();
        assertThat(store.growing().orElseThrow().init()).isSameAs(now);
    }

    @Test
    void garbageInitIsRefusedWithoutTouchingTheStore() throws Exception {
        copier.onInit(1, init640);
        InitSegment before = store.init().orElseThrow();

        assertThatThrownBy(() -> copier.onInit(2, new byte[] {0, 0, 0, 8, 'j', 'u', 'n', 'k'}))
                .isInstanceOf(java.io.IOException.class);
        assertThat(store.init().orElseThrow()).isSameAs(before);
    }

    @Test
    void aStartFarAheadOfTheClockIsRefusedAndStoresNothing() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);

        assertThatThrownBy(() -> copier.onSegmentStarted(11, now.get() + 30L * 86_400 * Timebase.HZ, 1, false))
                .isInstanceOf(SegmentOutOfBoundsException.class).hasMessageContaining("segment 11 starts");
        copier.onChunk(11, new byte[] {1});

        assertThat(store.growing()).isEmpty();
        assertThat(numbers()).containsExactly(10L);
        assertThat(copy(11, false)).as("the real segment 11 afterwards").isTrue();
        assertThat(numbers()).containsExactly(10L, 11L);
        assertThat(segment(11).discontinuity()).isFalse();
    }

    @Test
    void aSegmentGrowingPastTheByteBoundIsDroppedAndTheNextOneTaken() throws Exception {
        SegmentCopier bounded = new SegmentCopier("test", store, DUR, 100, now::get, () -> { });
        bounded.onInit(1, init640);
        assertThat(bounded.onSegmentStarted(10, now.get() - 10 * DUR, 1, false)).isTrue();
        bounded.onChunk(10, new byte[60]);
        assertThatThrownBy(() -> bounded.onChunk(10, new byte[60]))
                .isInstanceOf(SegmentOutOfBoundsException.class).hasMessageContaining("100 bytes");
        assertThat(store.growing()).isEmpty();
        assertThat(numbers()).isEmpty();
        assertThat(bounded.onSegmentStarted(10, now.get() - 10 * DUR, 1, false)).as("fetched again whole").isTrue();
        bounded.onChunk(10, new byte[60]);
        bounded.onSegmentClosed(10, DUR);
        assertThat(numbers()).containsExactly(10L);
    }

    @Test
    void aNegativeOrHugeNumberIsRefusedAndTheStreamGoesOn() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        for (long bad : new long[] {-1, -5, Long.MAX_VALUE, SegmentCopier.MAX_NUMBER + 1}) {
            assertThatThrownBy(() -> copier.onSegmentStarted(bad, now.get(), 1, false))
                    .isInstanceOf(SegmentOutOfBoundsException.class).hasMessageContaining("number outside");
            copier.onInterrupted();
        }
        assertThat(store.growing()).isEmpty();
        assertThat(copy(11, false)).as("the real segment 11 afterwards").isTrue();
        assertThat(numbers()).containsExactly(10L, 11L);
    }

    @Test
    void aDurationOfNothingOrTooLongOrEndingInTheFutureIsRefusedUnpublished() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        for (long bad : new long[] {0, -DUR, 30L * 86_400 * Timebase.HZ, SegmentCopier.maxDurationFor(DUR) + 1,
                now.get() - start(11) + SegmentCopier.MAX_AHEAD + 1}) {
            assertThat(copier.onSegmentStarted(11, start(11), 1, false)).isTrue();
            copier.onChunk(11, new byte[] {1});
            assertThatThrownBy(() -> copier.onSegmentClosed(11, bad)).as("duration %d", bad)
                    .isInstanceOf(SegmentOutOfBoundsException.class);
            assertThat(store.growing()).isEmpty();
            assertThat(store.lastEnd()).as("the timeline did not move").isEqualTo(start(11));
            assertThat(numbers()).containsExactly(10L);
        }
        assertThat(copy(11, false)).isTrue();
        assertThat(segment(11).duration()).isEqualTo(DUR);
    }

    @Test
    void onceTheTargetDurationIsKnownNoSegmentLongerThanItAllowsIsCopied() throws Exception {
        store.adoptTarget(new SegmentTarget(2));
        now.set(start(12));
        copier.onInit(1, init640);
        assertThat(copy(10, false)).isTrue();
        assertThat(copier.onSegmentStarted(11, start(11), 1, false)).isTrue();
        assertThatThrownBy(() -> copier.onSegmentClosed(11, new SegmentTarget(2).maxTicks() + 1))
                .isInstanceOf(SegmentOutOfBoundsException.class).hasMessageContaining("at most 2.499 s");
        copier.onSegmentStarted(11, start(11), 1, false);
        copier.onSegmentClosed(11, new SegmentTarget(2).maxTicks());
        assertThat(numbers()).containsExactly(10L, 11L);
    }

    @Test
    void beforeATargetIsKnownTheLongestSegmentFollowsTheSegmentDurationWithinFixedBounds() {
        assertThat(SegmentCopier.maxDurationFor(DUR)).isEqualTo(10 * Timebase.HZ);
        assertThat(SegmentCopier.maxDurationFor(6 * Timebase.HZ)).isEqualTo(24 * Timebase.HZ);
        assertThat(SegmentCopier.maxDurationFor(3600 * Timebase.HZ)).isEqualTo(60 * Timebase.HZ);
    }

    @Test
    void aSegmentTheSourceItselfKeepsSendingOutOfBoundsIsSkippedOnTheNextConnection() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        long huge = 86_400 * Timebase.HZ;
        copier.onSegmentStarted(11, start(11), 1, false);
        assertThatThrownBy(() -> copier.onSegmentClosed(11, huge)).isInstanceOf(SegmentOutOfBoundsException.class);
        assertThat(copier.nextWanted()).as("once may be a relay's damage: ask again").isEqualTo(11);
        copier.onSegmentStarted(11, start(11), 1, false);
        assertThatThrownBy(() -> copier.onSegmentClosed(11, huge)).isInstanceOf(SegmentOutOfBoundsException.class);
        assertThat(copier.nextWanted()).as("twice is the source's own: ask past it").isEqualTo(12);

        assertThat(copy(12, false)).isTrue();
        assertThat(numbers()).containsExactly(10L, 11L);
        assertThat(segment(11).startDts()).isEqualTo(start(12));
        assertThat(segment(11).discontinuity()).isTrue();
    }

    @Test
    void segmentsOlderThanTheWindowCouldHoldAreSkippedNotStored() throws Exception {
        copier.onInit(1, init640);
        now.set(start(10_000));
        assertThat(copy(10, false)).isFalse();
        assertThat(store.lastNumber()).isEqualTo(-1);
        assertThat(copy(9_999, false)).isTrue();
    }

    @Test
    void aTimelineAheadOfTheClockResyncsToASourceBackAtTheClock() throws Exception {
        copier.onInit(1, init640);
        // A source 8 s ahead (within bounds) made the stored timeline run ahead of the clock.
        long ahead = 8 * Timebase.HZ;
        now.set(start(20));
        copy(19, start(19) + ahead, false);
        copy(20, start(20) + ahead, false);
        assertThat(store.lastEnd()).isGreaterThan(now.get());

        assertThat(copy(21, start(19) + DUR / 2, false)).as("a new segment at the wall clock").isTrue();

        assertThat(numbers()).containsExactly(21L);
        assertThat(segment(21).discontinuity()).isTrue();
        assertThat(store.lastEnd()).isEqualTo(start(19) + DUR / 2 + DUR);
        assertThat(copy(22, start(20) + DUR / 2, false)).as("and it goes on from there").isTrue();
        assertThat(segment(22).discontinuity()).isFalse();
    }

    @Test
    void aSourceBehindATimelineAtTheClockIsRefusedUntilItCatchesUp() throws Exception {
        copier.onInit(1, init640);
        copy(10, false);
        copy(11, false);
        assertThat(copy(12, start(11) + DUR / 2, false)).as("behind, and our timeline is not ahead").isFalse();
        assertThat(numbers()).containsExactly(10L, 11L);
    }
}
