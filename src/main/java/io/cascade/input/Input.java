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
}
