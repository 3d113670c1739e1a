package io.cascade.cluster;

import java.util.function.LongSupplier;

/**
 * A token bucket of bytes per second with one second of burst: {@link #acquire} waits until the
 * bytes may go. The clock and the sleep are given, so tests run it on a fake clock.
 */
final class ByteRateLimit {
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    ByteRateLimit(long bytesPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = bytesPerSecond;
        this.last = nanoClock.getAsLong();
    }

    static ByteRateLimit realTime(long bytesPerSecond) {
        return new ByteRateLimit(bytesPerSecond, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    /** Takes {@code n} bytes' worth, waiting first as long as the rate needs (a large n borrows ahead). */
    void acquire(long n) throws InterruptedException {
        refill();
        tokens -= n;
        if (tokens < 0) {
            sleeper.sleep((long) (-tokens * 1e9 / bytesPerSecond));
            refill();
        }
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(bytesPerSecond, tokens + (now - last) * (double) bytesPerSecond / 1e9);
        last = now;
    }
}
