package io.cascade.input;

import java.io.IOException;

/**
 * One source of frames for a stream. {@link #run} reads until the input ends or fails and runs
 * on its own virtual thread, so it may block on disk or network.
 */
public interface Input {
    /** The URL as configured, shown in the API as the active input. */
    String url();

    /**
     * Reads frames into {@code sink} until the input ends (returns) or fails (throws).
     * Interrupting the thread stops it.
     */
    void run(MediaSink sink) throws IOException, InterruptedException;

    /**
     * True for an input this server fetches or receives by itself (a file, UDP, an HTTP or RTMP
     * pull), false for one that waits for a peer to push to it or copies whole segments. Only a
     * pulled input is timed out by {@code source_timeout} when it sends no frames, and re-checked
     * in the background while a lower-priority input is in use.
     */
    default boolean pulled() {
        return false;
    }
}
