package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.MediaKind;
import io.cascade.media.Timebase;
import io.cascade.media.Track;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the passes of a looped file on one continuous clock.
 *
 * <p>The loop period is the length of the clock track (the first video track, else the first
 * track): from its first decode time to its last decode time plus that frame's duration. Pass
 * {@code k} moves every track by {@code k} periods, so the clock track goes on with exact frame
 * spacing and the file's A/V offset is the same in every pass. A track that runs longer than the
 * clock track (AAC priming, audio cut later than video) would overlap its own next pass: its
 * frames that end after the next pass's first frame of that track begins are dropped, which
 * leaves a gap shorter than one of its frames and no drift.
 *
 * <p>The period is known only when the first pass ends (an MPEG-TS file tells it no sooner), so
 * in that pass a frame that might overlap is held back until the clock track has advanced far
 * enough to clear it, or the pass ends.
 */
final class LoopedTimeline {
    /** Frames held in the first pass at most; beyond that the oldest goes out unchecked. */
    static final int MAX_HELD = 4096;
    /** A shorter pass would spin, reopening the file hundreds of times a second. */
    static final long MIN_PERIOD = Timebase.HZ / 100;

    private final Map<Integer, Long> firstDts = new HashMap<>();
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private int clockTrack = -1;
    private long clockEnd = Long.MIN_VALUE;
    private long lastClockDuration;
    private long spanFirst = Long.MAX_VALUE;
    private long spanEnd = Long.MIN_VALUE;
    /** 0 until the first pass has ended. */
    private long period;
    private long pass = -1;

    /** A pass through the file begins; {@code tracks} are the file's. */
    void startPass(List<Track> tracks) {
        pass++;
        if (clockTrack < 0 && !tracks.isEmpty()) {
            clockTrack = tracks.stream().filter(t -> t.kind() == MediaKind.VIDEO).findFirst()
                    .orElse(tracks.get(0)).id();
        }
    }

    /** The loop period in 90 kHz ticks, 0 while the first pass runs. */
    long period() {
        return period;
    }

    /**
     * Takes the next frame read from the file (in the file's clock) and returns the frames that
     * may go out now, on the continuous clock, in order per track; maybe none.
     */
    List<Frame> accept(Frame frame) {
        long first = firstDts.computeIfAbsent(frame.trackId(), id -> frame.dts());
        if (period > 0) {
            boolean dropped = frame.trackId() != clockTrack && overlapsNextPass(frame, first, period);
            return dropped ? List.of() : List.of(frame.shifted(pass * period));
        }
        learn(frame);
        if (frame.trackId() == clockTrack) {
            List<Frame> out = releaseCleared();
            out.add(frame);
            return out;
        }
        held.add(frame);
        List<Frame> out = releaseCleared();
        while (held.size() > MAX_HELD) {
            out.add(held.poll());
        }
        return out;
    }

    /** The file ended: the frames still held that belong in this pass. */
    List<Frame> endPass() throws InputFormatException {
        if (period > 0) {
            return List.of();
        }
        Long clockFirst = firstDts.get(clockTrack);
        period = clockFirst != null ? clockEnd - clockFirst : spanEnd - spanFirst;
        if (period < MIN_PERIOD) {
            throw new InputFormatException("lasts " + period + " ticks of 90 kHz, too short to loop");
        }
        List<Frame> out = new ArrayList<>();
        for (Frame f : held) {
            if (!overlapsNextPass(f, firstDts.get(f.trackId()), period)) {
                out.add(f);
            }
        }
        held.clear();
        return out;
    }

    private void learn(Frame f) {
        long duration = f.duration();
        spanFirst = Math.min(spanFirst, f.dts());
        spanEnd = Math.max(spanEnd, f.dts() + Math.max(duration, 0));
        if (f.trackId() == clockTrack) {
            // a last frame without a duration (some muxers write 0) lasts as long as the one before
            if (duration > 0) {
                lastClockDuration = duration;
            }
            clockEnd = Math.max(clockEnd, f.dts() + (duration > 0 ? duration : lastClockDuration));
        }
    }

    /** Held frames that cannot overlap the next pass even if the file ended now. */
    private List<Frame> releaseCleared() {
        List<Frame> out = new ArrayList<>();
        Long clockFirst = firstDts.get(clockTrack);
        if (clockFirst == null || held.isEmpty()) {
            return out;
        }
        long periodSoFar = clockEnd - clockFirst;
        held.removeIf(f -> !overlapsNextPass(f, firstDts.get(f.trackId()), periodSoFar) && out.add(f));
        return out;
    }

    private static boolean overlapsNextPass(Frame f, long trackFirstDts, long period) {
        return f.dts() + Math.max(f.duration(), 0) > trackFirstDts + period;
    }
}
