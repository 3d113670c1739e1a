package io.cascade.rtmp;

import io.cascade.media.Timebase;

/**
 * RTMP's 32-bit millisecond timestamps as a continuous count: each new timestamp is taken as
 * the nearest one (signed 32-bit difference) to the previous, so the wrap after 49.7 days and
 * the small back-steps of interleaved audio and video both come out right.
 */
public final class RtmpClock {
    private static final long WRAP = 1L << 32;

    private boolean started;
    private long lastRaw;
    private long millis;

    /** The continuous millisecond count for a 32-bit wire timestamp. */
    public long unwrapMillis(long timestamp) {
        long raw = timestamp & (WRAP - 1);
        if (!started) {
            started = true;
            millis = raw;
        } else {
            millis += (int) (raw - lastRaw);
        }
        lastRaw = raw;
        return millis;
    }

    /** The continuous time in 90 kHz ticks for a 32-bit wire timestamp. */
    public long unwrapTicks(long timestamp) {
        return Timebase.fromMillis(unwrapMillis(timestamp));
    }

    /** A 90 kHz time as a wire timestamp relative to {@code originTicks}, wrapping modulo 2^32. */
    public static long toWire(long ticks, long originTicks) {
        return Math.floorMod(Math.floorDiv(ticks - originTicks, 90L), WRAP);
    }
}
