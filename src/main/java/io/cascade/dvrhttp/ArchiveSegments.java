package io.cascade.dvrhttp;

import io.cascade.dvr.Archive;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.httpstream.StreamRequests;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.tsout.SegmentSource;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An archive played as live from a moment on ({@code timeshift_abs-FROM.ts}): every recorded
 * segment from there, in order, each handed on no earlier than its place in the playback
 * (a little ahead, so the player keeps a buffer), so a player receives it at the stream's own
 * rate. A gap in the recording is played across at once, not waited out; at the live edge it
 * waits for the next segment to be recorded.
 */
final class ArchiveSegments implements SegmentSource {
    /** How far ahead of its play time a segment is handed on. */
    static final long LEAD_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How often the live edge is looked at for a newly recorded segment. */
    private static final long EDGE_POLL_MILLIS = 250;

    private final Archive archive;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long cursor;
    private long lastNumber = -1;
    private long playedTicks;
    private volatile boolean closed;

    ArchiveSegments(Archive archive, long fromDts) {
        this(archive, fromDts, System::nanoTime);
    }

    ArchiveSegments(Archive archive, long fromDts, LongSupplier nanoClock) {
        this.archive = archive;
        this.cursor = fromDts;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public CompletableFuture<Segment> next() {
        return CompletableFuture.supplyAsync(this::nextDue, StreamRequests.WORKERS).thenCompose(archive::read);
    }

    /** The next segment once it is recorded and due; blocks its (virtual) thread meanwhile. */
    private ArchivedSegment nextDue() {
        ArchivedSegment next = awaitRecorded();
        long due = startNanos + playedTicks * 1_000_000_000L / Timebase.HZ - LEAD_NANOS;
        sleepUntil(due);
        cursor = next.startDts() + next.duration();
        lastNumber = next.number();
        playedTicks += next.duration();
        return next;
    }

    private ArchivedSegment awaitRecorded() {
        while (true) {
            Optional<ArchivedSegment> next = following(archive.segmentsFrom(cursor, 2));
            if (next.isPresent()) {
                return next.get();
            }
            pause(EDGE_POLL_MILLIS);
        }
    }

    /** The first of {@code list} after the last one handed on (the list may start with it). */
    private Optional<ArchivedSegment> following(List<ArchivedSegment> list) {
        return list.stream().filter(s -> s.number() > lastNumber).findFirst();
    }

    private void sleepUntil(long dueNanos) {
        for (long left = dueNanos - nanoClock.getAsLong(); left > 0; left = dueNanos - nanoClock.getAsLong()) {
            pause(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, EDGE_POLL_MILLIS));
        }
    }

    private void pause(long millis) {
        if (closed) {
            throw new CancellationException("closed");
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        if (closed) {
            throw new CancellationException("closed");
        }
    }

    @Override
    public long skipped() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
