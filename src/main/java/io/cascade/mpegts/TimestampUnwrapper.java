package io.cascade.mpegts;

/**
 * Extends 33-bit PES timestamps into a continuous 64-bit count. Each value is placed in the
 * 2^33 period that brings it closest to the previous one, which is shared by all streams of a
 * program so that audio and video cross a wrap together.
 */
final class TimestampUnwrapper {
    static final long PERIOD = 1L << 33;
    private static final long HALF = PERIOD / 2;

    private boolean started;
    private long last;

    /**
     * The unwrapped value; never negative: a straggler from just before a wrap that comes after
     * the first timestamp of a stream is clamped to 0 rather than moved a whole period ahead.
     */
    long unwrap(long ts33) {
        long value = ts33;
        if (started) {
            value = (last & ~(PERIOD - 1)) | ts33;
            if (value - last > HALF) {
                value -= PERIOD;
            } else if (last - value > HALF) {
                value += PERIOD;
            }
        }
        started = true;
        last = value;
        return Math.max(0, value);
    }
}
