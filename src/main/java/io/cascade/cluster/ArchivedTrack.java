package io.cascade.cluster;

/**
 * Where one track's frames of an archived segment lie (90 kHz UTC): a DASH archive names its
 * segments by each track's own start, which differs from the segment's by tens of milliseconds.
 *
 * @param trackId  the track's id in the segment's init
 * @param start    the track's first decode time
 * @param duration the track's span, 0 or more
 */
public record ArchivedTrack(int trackId, long start, long duration) {
    public ArchivedTrack {
        if (start < 0 || duration < 0) {
            throw new IllegalArgumentException("bad track " + trackId + " time " + start + " for " + duration);
        }
    }
}
