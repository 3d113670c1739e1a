package io.cascade.rtp;

import io.cascade.media.Timebase;

/**
 * One track's 32-bit RTP timestamps made a continuous 64-bit count across wrap-around, then
 * 90 kHz ticks. Timestamps may step back a little (B-frames are sent in decode order with
 * presentation times), so the wrap is judged by the shortest distance to the last one.
 */
public final class RtpClock {
    private final int clockRate;
    private long last = Long.MIN_VALUE;

    public RtpClock(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /** The extended timestamp of {@code timestamp}, continuing from the previous one. */
    public long extend(long timestamp) {
        long ts = timestamp & 0xffffffffL;
        if (last == Long.MIN_VALUE) {
            last = ts;
            return ts;
        }
        int delta = (int) (ts - (last & 0xffffffffL));
        last += delta;
        return last;
    }

    /** Extended ticks of this clock as 90 kHz ticks. */
    public long toTicks(long extended) {
        return Timebase.rescale(extended, clockRate, Timebase.HZ);
    }

    public int clockRate() {
        return clockRate;
    }
}
