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

    /**
     * True when this segment cannot be played straight on from {@code previous}: it was flagged
     * live, its number does not follow, or it starts over half a second away from where the
     * previous one ended (a gap in the recording). Playlists mark it with a discontinuity.
     */
    public boolean discontinuousAfter(ArchivedSegment previous) {
        return previous != null && (discontinuity || number != previous.number() + 1
                || Math.abs(startDts - previous.endDts()) > 45_000);
    }

    public long endDts() {
        return startDts + duration;
    }
}
