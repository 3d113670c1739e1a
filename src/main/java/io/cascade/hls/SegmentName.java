package io.cascade.hls;

import io.cascade.media.Segment;

/**
 * What a segment URI says: the UTC second the segment starts in, its duration in milliseconds and
 * its container.
 *
 * @param startSecond    epoch seconds of the segment start, floored
 * @param durationMillis duration rounded to the nearest millisecond, 0..99999
 * @param format         the container named by the extension
 */
public record SegmentName(long startSecond, int durationMillis, SegmentFormat format) {

    public SegmentName {
        if (durationMillis < 0 || durationMillis > SegmentNames.MAX_DURATION_MILLIS) {
            throw new IllegalArgumentException("duration out of range: " + durationMillis + " ms");
        }
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
    }

    /** True when {@code segment} (closed) is the one this name was made for. */
    public boolean names(Segment segment) {
        return segment.isComplete()
                && SegmentNames.startSecond(segment.startDts()) == startSecond
                && SegmentNames.nameMillis(segment.duration()) == durationMillis;
    }
}
