package io.cascade.rtmp;

import io.cascade.media.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives RTMP frames their durations. FLV tags carry no duration, but fMP4 samples need one: each
 * frame is held back until the next frame of its track arrives, and the gap between their decode
 * times becomes its duration. The last frames of an input take their track's previous duration.
 */
public final class FrameDurations {
    private final Map<Integer, Frame> held = new HashMap<>();
    private final Map<Integer, Long> lastDuration = new HashMap<>();

    /** Takes {@code frame} and returns the frame it completes (its track's previous one), or null. */
    public Frame push(Frame frame) {
        Frame previous = held.put(frame.trackId(), frame);
        if (previous == null) {
            return null;
        }
        long gap = frame.dts() - previous.dts();
        if (gap <= 0) {
            // same or earlier time: keep the earlier guess; the timeline drops the late frame anyway
            gap = lastDuration.getOrDefault(frame.trackId(), 0L);
        }
        lastDuration.put(frame.trackId(), gap);
        return previous.withDuration(gap);
    }

    /** The held frames in decode order, with their track's last known duration; empties this. */
    public List<Frame> drain() {
        List<Frame> out = new ArrayList<>();
        held.forEach((track, f) -> out.add(f.withDuration(lastDuration.getOrDefault(track, 0L))));
        held.clear();
        out.sort((a, b) -> Long.compare(a.dts(), b.dts()));
        return out;
    }
}
