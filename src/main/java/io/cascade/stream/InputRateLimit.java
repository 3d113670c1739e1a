package io.cascade.stream;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The byte rate one input run may feed its stream: a token bucket that holds {@link #WINDOW_SECONDS}
 * seconds of the allowed rate and refills at it, so bursts (a big keyframe, a publisher catching up)
 * pass while a rate above the bound for a few seconds does not. Rates up to 10 Gbit/s are exact
 * in {@code long} arithmetic.
 */
final class InputRateLimit {
    static final long WINDOW_SECONDS = 3;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);

    private final long maxBitsPerSecond;
    private final long bytesPerSecond;
    private final long capacity;
    private final LongSupplier nanoClock;
    private long tokens;
    private long lastNanos;
    private long startNanos;
    private long taken;

    InputRateLimit(long maxBitsPerSecond, LongSupplier nanoClock) {
        this.maxBitsPerSecond = maxBitsPerSecond;
        this.bytesPerSecond = Math.max(1, maxBitsPerSecond / 8);
        this.capacity = bytesPerSecond * WINDOW_SECONDS;
        this.nanoClock = nanoClock;
        reset();
    }

    /** A new input run starts with a full bucket. */
    void reset() {
        tokens = capacity;
        lastNanos = nanoClock.getAsLong();
        taken = 0;
    }

    /**
     * Takes {@code bytes} of a frame.
     *
     * @throws InputRateExceededException when the input has emptied the bucket
     */
    void take(long bytes) {
        long now = nanoClock.getAsLong();
        if (taken == 0) {
            startNanos = now; // the rate is told from the first frame, not from the wait for one
        }
        long elapsed = Math.min(WINDOW_NANOS, Math.max(0, now - lastNanos));
        tokens = Math.min(capacity, tokens + bytesPerSecond * elapsed / 1_000_000_000L);
        lastNanos = now;
        taken += bytes;
        tokens -= bytes;
        if (tokens < 0) {
            double seconds = Math.max(0.001, (now - startNanos) / 1e9);
            throw new InputRateExceededException(String.format(Locale.ROOT,
                    "input sent %.1f Mbit/s over %.1f s, above max_bitrate %d Mbit/s",
                    taken * 8 / seconds / 1e6, seconds, maxBitsPerSecond / 1_000_000));
        }
    }
}
