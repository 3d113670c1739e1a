package io.cascade.cmaf;

import io.cascade.media.Timebase;

/**
 * What fragments of a track inherit from the init segment: its media timescale and the
 * {@code trex} sample defaults.
 */
public record TrackDefaults(long timescale, long sampleDuration, long sampleSize, int sampleFlags) {

    public TrackDefaults {
        if (timescale <= 0) {
            throw new IllegalArgumentException("timescale must be positive: " + timescale);
        }
    }

    /** The defaults of Cascade's own inits: 90 kHz and no sample defaults. */
    public static TrackDefaults canonical() {
        return new TrackDefaults(Timebase.HZ, 0, 0, 0);
    }
}
