package io.cascade.net;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A log line a peer can trigger at will (a refused connection, a timed-out request): written at
 * most once per interval, with how many were left out since, so a flood cannot fill the disk or
 * drown the other lines.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextAllowed;
    private final AtomicLong skipped = new AtomicLong();

    public RateLimitedLog(Logger log, long intervalMillis) {
        this(log, intervalMillis, System::nanoTime);
    }

    RateLimitedLog(Logger log, long intervalMillis, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.nanoClock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    /** Logs {@code message} at WARN unless a line went out less than an interval ago. */
    public void warn(String message) {
        if (allowed()) {
            log.warn(message + suffix());
        }
    }

    /** Logs {@code message} at INFO unless a line went out less than an interval ago. */
    public void info(String message) {
        if (allowed()) {
            log.info(message + suffix());
        }
    }

    private boolean allowed() {
        long now = nanoClock.getAsLong();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            return true;
        }
        skipped.incrementAndGet();
        return false;
    }

    private String suffix() {
        long n = skipped.getAndSet(0);
        return n == 0 ? "" : " (and " + n + " more like it not logged)";
    }
}
