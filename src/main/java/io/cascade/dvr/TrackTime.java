package io.cascade.dvr;

/**
 * Where one track's frames of an archived segment lie on the timeline (90 kHz UTC): a DASH
 * timeline lists each track by its own times, which differ from the segment's by tens of
 * milliseconds for audio.
 */
public record TrackTime(int trackId, long start, long duration) {

    public TrackTime {
        if (duration < 0) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
    }

    public long end() {
        return start + duration;
    }
}
