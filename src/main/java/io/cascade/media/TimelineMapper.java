package io.cascade.media;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Maps one stream's input clocks onto its UTC timeline, keeping it continuous and monotonic.
 *
 * <p>The first frame anchors the input clock to the wall clock once; after that the input's own
 * timestamps drive the timeline, so frame spacing is exact. When an input restarts, or its clock
 * jumps, the mapper re-anchors so the timeline goes on from where it was (or from now, if more
 * time has passed) instead of going back: a viewer's player never sees time run backwards.
 */
public final class TimelineMapper {
    /** A jump of the input clock larger than this is a discontinuity, not a late frame. */
    private static final long MAX_JUMP = 10 * Timebase.HZ;

    private final LongSupplier clock;
    private final Map<Integer, Long> lastDtsByTrack = new HashMap<>();
    private boolean anchored;
    private long offset;
    private long end = Long.MIN_VALUE;
    private boolean jumped;

    public TimelineMapper(LongSupplier utcNowTicks) {
        this.clock = utcNowTicks;
    }

    public TimelineMapper() {
        this(Timebase::now);
    }

    /** The next frame starts a new input clock (a new connection, another input). */
    public void reanchor() {
        anchored = false;
    }

    /**
     * As {@link #reanchor()}, and the timeline must go on after {@code notBefore} (the end of what
     * the stream has published by other means, e.g. segments copied from a cluster peer).
     */
    public void reanchor(long notBefore) {
        anchored = false;
        if (notBefore != Long.MIN_VALUE) {
            end = Math.max(end, notBefore);
        }
    }

    /**
     * The frame on the UTC timeline, or null when it must be dropped because it would not be
     * later than the track's previous frame.
     */
    public Frame map(Frame frame) {
        if (!anchored) {
            anchor(frame.dts());
        }
        long dts = frame.dts() + offset;
        if (end != Long.MIN_VALUE && (dts > end + MAX_JUMP || dts < end - MAX_JUMP)) {
            jumped = true;
            offset = end - frame.dts();
            dts = frame.dts() + offset;
        }
        Long last = lastDtsByTrack.get(frame.trackId());
        if (last != null && dts <= last) {
            return null;
        }
        lastDtsByTrack.put(frame.trackId(), dts);
        end = Math.max(end, dts + Math.max(frame.duration(), 0));
        return frame.shifted(offset);
    }

    /** True once since the last call when the timeline was re-anchored or jumped. */
    public boolean takeDiscontinuity() {
        boolean j = jumped;
        jumped = false;
        return j;
    }

    private void anchor(long inputDts) {
        long now = clock.getAsLong();
        long start = end == Long.MIN_VALUE ? now : Math.max(now, end);
        if (end != Long.MIN_VALUE) {
            jumped = true;
        }
        offset = start - inputDts;
        anchored = true;
    }
}
