package io.cascade.rtp;

import io.cascade.media.Frame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Gives video frames decode times. RTP carries presentation times only, and with B-frames they
 * are not in decode order; but a stream's decode times are its presentation times sorted, shifted
 * by its reorder depth. With {@code depth} frames held back, frame {@code i} decodes at the
 * {@code (i - depth)}-th smallest presentation time: increasing, and never after the frame's own
 * presentation while the stream reorders no deeper than that. The first {@code depth} frames take
 * times before the first, one frame interval apart. Depth 0 is dts = pts.
 */
public final class DecodeTimes {
    /**
     * A presentation time this far before the last decode time is no B-frame but the source's
     * clock going back (a looped file, a restarted encoder): the frames held are let go and
     * ordering starts afresh, where the stream's timeline mapping takes the jump.
     */
    static final long MAX_STEP_BACK = 90_000;
    /** The frame interval assumed when too few frames came to measure one (30 fps). */
    private static final long FALLBACK_STEP = 3000;

    private final int depth;
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private final PriorityQueue<Long> times = new PriorityQueue<>();
    private final ArrayDeque<Long> sorted = new ArrayDeque<>();
    private long released;
    private long first;
    private long step;
    private long lastDts = Long.MIN_VALUE;

    public DecodeTimes(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("depth " + depth);
        }
        this.depth = depth;
    }

    /** Takes a frame whose dts is its pts; returns the frame now leaving with its decode time, or none. */
    public List<Frame> push(Frame frame) {
        List<Frame> out = new ArrayList<>(1);
        long newest = held.isEmpty() ? lastDts : Math.max(lastDts, held.peekLast().pts());
        if (newest != Long.MIN_VALUE && frame.pts() < newest - MAX_STEP_BACK) {
            out.addAll(drain());
            sorted.clear();
            released = 0;
            lastDts = Long.MIN_VALUE;
        }
        held.add(frame);
        times.add(frame.pts());
        if (held.size() > depth) {
            release(out);
        }
        return out;
    }

    /** The held frames, for an input that ends. */
    public List<Frame> drain() {
        List<Frame> out = new ArrayList<>();
        while (!held.isEmpty()) {
            release(out);
        }
        return out;
    }

    private void release(List<Frame> out) {
        Frame f = held.poll();
        if (released == 0) {
            first = times.peek();
            long span = Collections.max(times) - first;
            step = depth > 0 && span > 0 ? span / depth : FALLBACK_STEP;
        }
        sorted.add(times.poll());
        long dts = released < depth ? first - (depth - released) * step : sorted.poll();
        released++;
        dts = Math.min(dts, f.pts());
        if (dts <= lastDts) {
            return; // it would decode before its predecessor (the source reorders deeper): dropped
        }
        lastDts = dts;
        out.add(new Frame(f.trackId(), dts, f.pts(), f.duration(), f.keyframe(), f.data()));
    }
}
