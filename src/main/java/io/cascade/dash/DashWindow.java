package io.cascade.dash;

import io.cascade.media.Segment;

import java.util.List;

/**
 * The segments a manifest lists, and what the stream's history before them says about periods.
 *
 * <p>A segment flagged as discontinuity starts a new Period. Period ids are discontinuity
 * sequence numbers and a Period's start is the start of its first segment, so both stay the same
 * while the window slides, as MPD updates require; for the Period the window opens in, whose first
 * segment may have slid out already, the caller says where it began.
 *
 * @param segments              closed segments, oldest first, consecutive numbers
 * @param discontinuitiesBefore how many segments flagged as discontinuity came before the window
 * @param firstPeriodStartDts   90 kHz UTC start of the Period the first segment belongs to (0 for a
 *                              stream without earlier discontinuity); unused when the first
 *                              segment is itself flagged, as it then starts its Period
 */
public record DashWindow(List<Segment> segments, long discontinuitiesBefore, long firstPeriodStartDts) {

    public DashWindow {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a manifest needs at least one segment");
        }
        if (discontinuitiesBefore < 0) {
            throw new IllegalArgumentException("negative discontinuity count " + discontinuitiesBefore);
        }
        checkSegments(segments);
        Segment first = segments.getFirst();
        if (!first.discontinuity() && (firstPeriodStartDts < 0 || firstPeriodStartDts > first.startDts())) {
            throw new IllegalArgumentException("period start " + firstPeriodStartDts
                    + " is not within 0.." + first.startDts());
        }
    }

    /** A window of a stream that has had no discontinuity before it: one Period from the epoch. */
    public static DashWindow of(List<Segment> segments) {
        return new DashWindow(segments, 0, 0);
    }

    public Segment first() {
        return segments.getFirst();
    }

    public Segment last() {
        return segments.getLast();
    }

    /** The discontinuity sequence number of the first segment, the id of the first Period. */
    long firstPeriodNumber() {
        return discontinuitiesBefore + (first().discontinuity() ? 1 : 0);
    }

    long firstPeriodStart() {
        return first().discontinuity() ? first().startDts() : firstPeriodStartDts;
    }

    private static void checkSegments(List<Segment> segments) {
        Segment previous = null;
        for (Segment s : segments) {
            if (!s.isComplete()) {
                throw new IllegalArgumentException("segment " + s.number() + " is not closed");
            }
            // A store's numbers rise by one; a gap means these segments are not one window, unless
            // it starts a new Period (an archive's gap in the recording).
            if (previous != null && s.number() != previous.number() + 1 && !s.discontinuity()) {
                throw new IllegalArgumentException("segment " + s.number() + " does not follow " + previous.number());
            }
            if (previous != null && s.startDts() < previous.endDts()) {
                throw new IllegalArgumentException("segment " + s.number() + " overlaps " + previous.number());
            }
            previous = s;
        }
    }
}
