package io.cascade.rtspinput;

import io.cascade.media.Timebase;

/**
 * The one clock all tracks of a pull share: 90 kHz ticks of arrival time since the session
 * began. A track is placed on it once, at its first frame: by the server's wallclock when a
 * sender report has mapped its RTP time to NTP (so tracks keep the sync the server states), else
 * by when its first frame arrived. After that its own RTP timestamps drive it.
 */
final class InputClock {
    private final long startNanos = System.nanoTime();
    private long ntpToArrival = Long.MIN_VALUE;

    long arrivalTicks() {
        return (System.nanoTime() - startNanos) * Timebase.HZ / 1_000_000_000L;
    }

    /** Where a frame at the server's wallclock {@code unixMicros} lands; the first call fixes the wallclock to arrival offset. */
    long fromWallclock(long unixMicros) {
        long ticks = Math.floorDiv(unixMicros * 9, 100);
        if (ntpToArrival == Long.MIN_VALUE) {
            ntpToArrival = ticks - arrivalTicks();
        }
        return ticks - ntpToArrival;
    }
}
