package io.cascade.dash;

/**
 * Where one track's fragment of a segment lies on the timeline, in the timescale of the
 * single-track init segment (the canonical 90 kHz): the fragment's {@code tfdt} and the sum of its
 * sample durations, exactly as a player reads them from the fragment.
 */
public record TrackSpan(long start, long duration) {

    public TrackSpan {
        if (start < 0 || duration < 0) {
            throw new IllegalArgumentException("invalid span " + start + " +" + duration);
        }
    }

    public long end() {
        return start + duration;
    }
}
