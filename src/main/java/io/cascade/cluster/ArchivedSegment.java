package io.cascade.cluster;

/**
 * What an archive knows of one recorded segment, without its bytes.
 *
 * @param number        the segment number, as on the live playlist
 * @param startDts      start, 90 kHz ticks since the Unix epoch (UTC)
 * @param duration      length in 90 kHz ticks, above 0
 * @param initVersion   the init segment it needs ({@link ArchiveIndex#init})
 * @param discontinuity it does not follow on from the segment before it
 */
public record ArchivedSegment(long number, long startDts, long duration, int initVersion, boolean discontinuity) {
    public ArchivedSegment {
        if (number < 0 || startDts < 0 || duration <= 0) {
            throw new IllegalArgumentException("bad archived segment " + number + " at " + startDts + " for " + duration);
        }
    }

    public long endDts() {
        return startDts + duration;
    }
}
