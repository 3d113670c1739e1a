package io.cascade.dvr;

import java.util.List;

/**
 * What the archive knows of one recorded segment without reading it.
 *
 * @param number        the segment's number, as it was live
 * @param startDts      90 kHz UTC start
 * @param duration      90 kHz duration
 * @param size          its canonical bytes' length
 * @param initId        the content name of its init segment ({@link InitIds})
 * @param discontinuity true when the live segment was flagged so (the archive adds its own at gaps)
 * @param tracks        each track's span, in the init's track order
 */
public record ArchivedSegment(long number, long startDts, long duration, long size, String initId,
                              boolean discontinuity, List<TrackTime> tracks) {

    public ArchivedSegment {
        tracks = List.copyOf(tracks);
        if (duration < 0 || size < 0) {
            throw new IllegalArgumentException("negative duration or size in segment " + number);
        }
        if (!InitIds.isValid(initId)) {
            throw new IllegalArgumentException("invalid init id " + initId);
        }
    }

    public long endDts() {
        return startDts + duration;
    }
}
