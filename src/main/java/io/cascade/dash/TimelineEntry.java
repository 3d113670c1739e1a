package io.cascade.dash;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code S} element: {@code repeat + 1} back-to-back segments of equal duration from {@code start}.
 * The start is written only where the timeline does not simply continue (first entry, after a gap).
 */
record TimelineEntry(long start, long duration, int repeat, boolean explicitStart) {

    long end() {
        return start + duration * (repeat + 1L);
    }

    /** @param spans one track's segments, oldest first, none overlapping the one before */
    static List<TimelineEntry> of(List<TrackSpan> spans) {
        List<TimelineEntry> entries = new ArrayList<>();
        TimelineEntry current = null;
        for (TrackSpan s : spans) {
            boolean continues = current != null && s.start() == current.end();
            if (continues && s.duration() == current.duration()) {
                current = new TimelineEntry(current.start, current.duration, current.repeat + 1, current.explicitStart);
            } else {
                if (current != null) {
                    entries.add(current);
                }
                current = new TimelineEntry(s.start(), s.duration(), 0, !continues);
            }
        }
        if (current != null) {
            entries.add(current);
        }
        return entries;
    }
}
