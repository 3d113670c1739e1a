package io.cascade.input;

/**
 * Decides when a file input's next frame may go out. The server paces at real time; a test
 * passes one that does not wait, so several loops of a file run in milliseconds.
 */
interface Pacer {
    /** Returns when the frame with decode time {@code dts} (90 kHz) is due. */
    void await(long dts) throws InterruptedException;
}
