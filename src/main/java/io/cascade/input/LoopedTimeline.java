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
 * track): from its first decode time to its last decode time plus that frame's duration. Each
 * pass moves every track by one period more than the pass before, so the clock track goes on
 * with exact frame spacing and the file's A/V offset is the same in every pass. A track that runs
 * longer than the clock track (AAC priming, audio cut later than video) would overlap its own
 * next pass: its frames that end after the next pass's first frame of that track begins are
 * dropped, which leaves a gap shorter than one of its frames and no drift.
 *
 * <p>The period is known only when the first pass ends (an MPEG-TS file tells it no sooner), so
 * in that pass a frame that might overlap is held back until the clock track has advanced far
 * enough to clear it, or the pass ends. A file replaced between passes is learned anew, its
 * clock track going on where the old one's ended.
 */
final class LoopedTimeline {
    /** Frames and bytes held in the first pass at most; beyond that the oldest goes out unchecked. */
    static final int MAX_HELD = 4096;
    static final long MAX_HELD_BYTES = 8L << 20;
    /** A shorter pass would spin, reopening the file hundreds of times a second. */
    static final long MIN_PERIOD = Timebase.HZ / 100;

    private final Map<Integer, Long> firstDts = new HashMap<>();
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private long heldBytes;
    private int clockTrack = -1;
    private long clockEnd = Long.MIN_VALUE;
    private long lastClockDuration;
    private long spanFirst = Long.MAX_VALUE;
    private long spanEnd = Long.MIN_VALUE;
    /** 0 until the file's first pass has ended. */
    private long period;
    private boolean firstPass;
    /** Added to the file's times in this pass; set by the clock track's first frame in a file. */
    private long shift;
    private boolean shiftPending = true;
    /** End of the latest frame given out, on the continuous clock: all tracks, the clock track. */
    private long deliveredEnd = Long.MIN_VALUE;
    private long clockDeliveredEnd = Long.MIN_VALUE;

    /** A pass through the file begins; {@code tracks} are the file's. */
    void startPass(List<Track> tracks) {
        firstPass = period == 0;
        if (!firstPass) {
            shift += period;
        }
        if (clockTrack < 0 && !tracks.isEmpty()) {
            clockTrack = tracks.stream().filter(t -> t.kind() == MediaKind.VIDEO).findFirst()
                    .orElse(tracks.get(0)).id();
        }
    }

    /**
     * The file changed on disk: what was learned of it no longer holds. Its next pass is learned
     * as a first pass, its clock track going on where the old one's ended.
     */
    void newFile() {
        firstDts.clear();
        held.clear();
        heldBytes = 0;
        clockTrack = -1;
        clockEnd = Long.MIN_VALUE;
        lastClockDuration = 0;
        spanFirst = Long.MAX_VALUE;
        spanEnd = Long.MIN_VALUE;
        period = 0;
        shiftPending = true;
    }

    /** The loop period in 90 kHz ticks, 0 while the file's first pass runs. */
    long period() {
        return period;
    }

    /**
     * Takes the next frame read from the file (in the file's clock) and returns the frames that
     * may go out now, on the continuous clock, in order per track; maybe none.
     */
    List<Frame> accept(Frame read) {
        Frame frame = withClockDuration(read);
        if (shiftPending && frame.trackId() == clockTrack) {
            resolveShift(frame.dts(), clockDeliveredEnd);
        }
        long first = firstDts.computeIfAbsent(frame.trackId(), id -> frame.dts());
        List<Frame> out = new ArrayList<>();
        if (!firstPass) {
            if (frame.trackId() == clockTrack || !overlapsNextPass(frame, first, period)) {
                out.add(frame);
            }
            return onClock(out);
        }
        learn(frame);
        if (frame.trackId() == clockTrack) {
            releaseCleared(out);
            out.add(frame);
            return onClock(out);
        }
        held.add(frame);
        heldBytes += frame.size();
        releaseCleared(out);
        while (held.size() > MAX_HELD || heldBytes > MAX_HELD_BYTES) {
            if (shiftPending) {
                resolveShift(held.peek().dts(), deliveredEnd);
            }
            Frame oldest = held.poll();
            heldBytes -= oldest.size();
            out.add(oldest);
        }
        return onClock(out);
    }

    /** The file ended: the frames still held that belong in this pass. */
    List<Frame> endPass() throws InputFormatException {
        if (!firstPass) {
            return List.of();
        }
        Long clockFirst = firstDts.get(clockTrack);
        long length = clockFirst != null ? clockEnd - clockFirst : spanEnd - spanFirst;
        if (length < MIN_PERIOD) {
            throw new InputFormatException("lasts " + length + " ticks of 90 kHz, too short to loop");
        }
        period = length;
        if (shiftPending) {
            resolveShift(spanFirst, deliveredEnd); // no clock-track frame in the file
        }
        List<Frame> out = new ArrayList<>();
        for (Frame f : held) {
            if (!overlapsNextPass(f, firstDts.get(f.trackId()), period)) {
                out.add(f);
            }
        }
        held.clear();
        heldBytes = 0;
        return onClock(out);
    }

    /** Places the file's time {@code fileDts} at {@code continueAt} (at its own time for the first file). */
    private void resolveShift(long fileDts, long continueAt) {
        shift = continueAt == Long.MIN_VALUE ? 0 : continueAt - fileDts;
        shiftPending = false;
    }

    private List<Frame> onClock(List<Frame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i).shifted(shift);
            frames.set(i, f);
            long end = f.dts() + Math.max(f.duration(), 0);
            deliveredEnd = Math.max(deliveredEnd, end);
            if (f.trackId() == clockTrack) {
                clockDeliveredEnd = Math.max(clockDeliveredEnd, end);
            }
        }
        return frames;
    }

    /**
     * A clock-track frame without a duration (some muxers write 0 for the last one) lasts as long
     * as the one before: the next pass must not start on the same time.
     */
    private Frame withClockDuration(Frame f) {
        if (f.trackId() != clockTrack) {
            return f;
        }
        if (f.duration() > 0) {
            lastClockDuration = f.duration();
            return f;
        }
        return lastClockDuration > 0 ? f.withDuration(lastClockDuration) : f;
    }

    private void learn(Frame f) {
        spanFirst = Math.min(spanFirst, f.dts());
        spanEnd = Math.max(spanEnd, f.dts() + Math.max(f.duration(), 0));
        if (f.trackId() == clockTrack) {
            clockEnd = Math.max(clockEnd, f.dts() + f.duration());
        }
    }

    /** Moves to {@code out} the held frames that cannot overlap the next pass even if the file ended now. */
    private void releaseCleared(List<Frame> out) {
        Long clockFirst = firstDts.get(clockTrack);
        if (clockFirst == null || held.isEmpty()) {
            return;
        }
        long periodSoFar = clockEnd - clockFirst;
        held.removeIf(f -> {
            if (overlapsNextPass(f, firstDts.get(f.trackId()), periodSoFar)) {
                return false;
            }
            out.add(f);
            heldBytes -= f.size();
            return true;
        });
    }

    private static boolean overlapsNextPass(Frame f, long trackFirstDts, long period) {
        return f.dts() + Math.max(f.duration(), 0) > trackFirstDts + period;
    }
}
