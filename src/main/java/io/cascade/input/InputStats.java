package io.cascade.input;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one configured input has done, for the API: its state, the last error, and counters the
 * input keeps itself (bytes received, errors such as MPEG-TS continuity skips) across its runs.
 * Written by the input's thread, read by API requests.
 */
public final class InputStats {
    /** Where an input stands in its stream's failover. */
    public enum State {
        /** Not running: its stream is stopped, or another input is in use. */
        IDLE,
        /** Started, no frame yet. */
        CONNECTING,
        /** Delivering frames to its stream. */
        ACTIVE,
        /** Being re-checked while a lower-priority input is in use. */
        PROBING,
        /** Its last run failed; see the last error. */
        FAILED
    }

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private volatile State state = State.IDLE;
    private volatile String lastError;
    private volatile long lastFrameNanos = Long.MIN_VALUE;

    public void addBytes(long n) {
        bytes.addAndGet(n);
    }

    public void addErrors(long n) {
        errors.addAndGet(n);
    }

    void frame(long nowNanos) {
        frames.incrementAndGet();
        lastFrameNanos = nowNanos;
    }

    void state(State s) {
        state = s;
    }

    void failed(String error) {
        lastError = error;
        state = State.FAILED;
    }

    public long bytes() {
        return bytes.get();
    }

    public long errors() {
        return errors.get();
    }

    public long frames() {
        return frames.get();
    }

    public State state() {
        return state;
    }

    /** The reason of the latest failure, null if it never failed. */
    public String lastError() {
        return lastError;
    }

    /** {@link System#nanoTime()} of the latest frame, {@link Long#MIN_VALUE} before the first. */
    public long lastFrameNanos() {
        return lastFrameNanos;
    }
}
