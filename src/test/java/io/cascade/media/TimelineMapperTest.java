package io.cascade.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineMapperTest {
    private static final long NOW = 1_800_000_000L * Timebase.HZ;
    private static final long FRAME = Timebase.HZ / 25;

    private final AtomicLong clock = new AtomicLong(NOW);
    private final TimelineMapper mapper = new TimelineMapper(clock::get);

    private static Frame video(long dts, long duration) {
        return new Frame(1, dts, dts, duration, false, new byte[1]);
    }

    /** Maps {@code count} frames of track 1 from input time {@code from}, the clock following in real time. */
    private List<Frame> run(long from, int count) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Frame f = mapper.map(video(from + i * FRAME, FRAME));
            if (f != null) {
                out.add(f);
            }
            clock.addAndGet(FRAME);
        }
        return out;
    }

    @Test
    void firstFrameAnchorsAtNowAndSpacingIsTheInputs() {
        List<Frame> out = run(12_345, 10);
        assertThat(out.get(0).dts()).isEqualTo(NOW);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).dts() - out.get(i - 1).dts()).isEqualTo(FRAME);
        }
        assertThat(mapper.takeDiscontinuity()).isFalse();
    }

    @Test
    void aForwardJumpOfDaysReanchorsNearTheWallClockWithADiscontinuity() {
        run(0, 50);
        long before = clock.get();
        Frame jumped = mapper.map(video(4_000_000_000L * 90, FRAME));
        assertThat(mapper.takeDiscontinuity()).isTrue();
        assertThat(jumped.dts()).isBetween(before - FRAME, before + FRAME);
        Frame next = mapper.map(video(4_000_000_000L * 90 + FRAME, FRAME));
        assertThat(next.dts() - jumped.dts()).isEqualTo(FRAME);
        assertThat(mapper.takeDiscontinuity()).isFalse();
    }

    @Test
    void aBackwardJumpGoesOnFromTheEndNeverBack() {
        List<Frame> first = run(1_000_000_000L, 50);
        Frame back = mapper.map(video(0, FRAME));
        assertThat(mapper.takeDiscontinuity()).isTrue();
        assertThat(back.dts()).isGreaterThan(first.getLast().dts());
        assertThat(back.dts()).isLessThanOrEqualTo(clock.get() + FRAME);
    }

    @Test
    void anUnbelievableDurationIsReplacedByTheTracksLastOne() {
        run(0, 10);
        Frame f = mapper.map(video(10 * FRAME, 4_000_000_000L * 90));
        assertThat(f.duration()).isEqualTo(FRAME);
        Frame negative = mapper.map(video(11 * FRAME, -5));
        assertThat(negative.duration()).isEqualTo(FRAME);
        // the timeline's end, and so the next input's anchor, stays sane
        mapper.reanchor();
        Frame nextInput = mapper.map(video(77, FRAME));
        assertThat(nextInput.dts()).isLessThan(clock.get() + Timebase.HZ);
    }

    @Test
    void aRunOfZeroDurationFramesAtOneTimeKeepsOnlyTheFirst() {
        run(0, 10);
        int kept = 0;
        for (int i = 0; i < 30; i++) {
            if (mapper.map(video(10 * FRAME, 0)) != null) {
                kept++;
            }
        }
        assertThat(kept).isEqualTo(1);
        assertThat(mapper.takeDiscontinuity()).isFalse();
        assertThat(mapper.map(video(11 * FRAME, FRAME))).isNotNull();
    }

    @Test
    void aTrackJumpingAloneMovesOnlyThatTrack() {
        Frame v = mapper.map(video(0, FRAME));
        Frame a = mapper.map(new Frame(2, 0, 0, 1920, true, new byte[1]));
        assertThat(a.dts()).isEqualTo(v.dts());
        Frame vJumped = mapper.map(video(3_000_000L * 90, FRAME));
        assertThat(mapper.takeDiscontinuity()).isTrue();
        Frame aStill = mapper.map(new Frame(2, 1920, 1920, 1920, true, new byte[1]));
        assertThat(aStill.dts()).as("audio's own clock has not jumped").isEqualTo(a.dts() + 1920);
        assertThat(mapper.takeDiscontinuity()).isFalse();
        assertThat(vJumped.dts()).isBetween(v.dts(), v.dts() + Timebase.HZ);
    }

    @Test
    void anInputRunningAheadOfTheWallClockIsToldToWait() {
        Frame f = mapper.map(video(0, FRAME));
        assertThat(mapper.aheadOfClock(f)).isNegative();
        Frame ahead = mapper.map(video(4 * Timebase.HZ, FRAME)); // within the jump bound
        assertThat(mapper.takeDiscontinuity()).isFalse();
        assertThat(mapper.aheadOfClock(ahead)).isEqualTo(4 * Timebase.HZ - TimelineMapper.MAX_LEAD);
        clock.addAndGet(Timebase.HZ);
        assertThat(mapper.aheadOfClock(ahead)).isZero();
    }

    @Test
    void aRestartGoesOnFromTheEndOfTheTimelineOrFromNowIfLater() {
        List<Frame> first = run(0, 25);
        mapper.reanchor();
        Frame second = mapper.map(video(999_999, FRAME));
        assertThat(mapper.takeDiscontinuity()).isTrue();
        assertThat(second.dts()).isEqualTo(Math.max(clock.get(), first.getLast().dts() + FRAME));
        clock.addAndGet(3600 * Timebase.HZ);
        mapper.reanchor();
        assertThat(mapper.map(video(5, FRAME)).dts()).isEqualTo(clock.get());
    }

    @Test
    void aFarFutureEndFromElsewhereIsGivenUpForTheWallClock() {
        mapper.reanchor(NOW + 3 * 24 * 3600 * Timebase.HZ);
        Frame f = mapper.map(video(0, FRAME));
        assertThat(f.dts()).isEqualTo(NOW);
        assertThat(mapper.takeDiscontinuity()).isTrue();
        assertThat(mapper.map(video(FRAME, FRAME)).dts()).as("and the timeline goes on from there").isEqualTo(NOW + FRAME);
        assertThat(mapper.takeDiscontinuity()).isFalse();
    }

    @Test
    void aNearEndFromElsewhereIsContinued() {
        mapper.reanchor(NOW + 2 * Timebase.HZ);
        assertThat(mapper.map(video(0, FRAME)).dts()).isEqualTo(NOW + 2 * Timebase.HZ);
    }
}
