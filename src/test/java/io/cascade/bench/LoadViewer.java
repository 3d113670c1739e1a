package io.cascade.bench;

/**
 * One viewer of a load client as {@link ViewerLoad} reads it: its protocol handler updates it on
 * its event loop, the reporter reads it from another thread.
 */
interface LoadViewer {
    /** What a viewer's connection came to. */
    enum State { CONNECTING, PLAYING, FAILED, DROPPED, CLOSED }

    State state();

    /** Bytes received so far. */
    long bytes();

    /** When the newest bytes came, {@link System#nanoTime} (none yet: the join's time or 0). */
    long lastByteNanos();

    /** How far behind the viewer is now, in milliseconds, in the protocol's own measure. */
    long lagMillis(long nowNanos);

    /** Why it failed or dropped, or null. */
    String failure();

    /** The connection could not be made at all. */
    void connectFailed(String why);

    /** The load client is about to close this viewer: not a drop. */
    void markClosing();
}
