package io.cascade.media;

/**
 * A stream's segment duration and what follows from it: the HLS target duration, fixed for the
 * life of a playlist, and the longest segment the segmenter may make so that every EXTINF,
 * rounded to the nearest second, stays within it (RFC 8216 4.3.3.1).
 *
 * <p>The target is the configured duration rounded up to whole seconds (at least 1): a segment
 * closes at the first keyframe at or after the configured duration, and may wait for one until
 * just under half a second past the target before it is cut without one.
 *
 * @param targetSeconds the {@code EXT-X-TARGETDURATION}, 1..{@link #MAX_TARGET_SECONDS}
 */
public record SegmentTarget(long targetSeconds) {
    /** The largest target any server announces or accepts (a minute of configured duration, rounded up). */
    public static final long MAX_TARGET_SECONDS = 61;

    public SegmentTarget {
        if (targetSeconds < 1 || targetSeconds > MAX_TARGET_SECONDS) {
            throw new IllegalArgumentException("target duration out of range: " + targetSeconds + " s");
        }
    }

    /** The target for a configured segment duration of {@code nominalTicks} (90 kHz). */
    public static SegmentTarget forDuration(long nominalTicks) {
        long seconds = Math.ceilDiv(Math.max(1, nominalTicks), Timebase.HZ);
        return new SegmentTarget(Math.min(seconds, MAX_TARGET_SECONDS));
    }

    /**
     * The longest segment allowed: the target plus 499 ms, so its EXTINF (milliseconds, rounded to
     * nearest) still rounds to the target.
     */
    public long maxTicks() {
        return targetSeconds * Timebase.HZ + 499 * 90;
    }
}
