package io.cascade.tsout;

import io.cascade.media.Segment;

import java.util.concurrent.CompletableFuture;

/**
 * The closed segments one receiver plays, in order, from a given segment on, asked for one at a
 * time: a receiver asks for the next only when it has room for it, so a source never queues for
 * it. The live window ({@link LiveSegments}) skips ahead for a receiver that falls behind; an
 * archive source would instead hand every segment of its range and end.
 */
public interface SegmentSource extends AutoCloseable {
    /**
     * Completes with the next segment to send once there is one, on a thread that may block
     * briefly (never the stream's own); completes exceptionally with
     * {@link java.util.concurrent.CancellationException} once closed, or with
     * {@link java.util.NoSuchElementException} when the source has nothing more (end of a range).
     * Called again only after the previous future completed.
     */
    CompletableFuture<Segment> next();

    /** How many segments were passed over so far for a receiver that fell behind. */
    long skipped();

    @Override
    void close();
}
