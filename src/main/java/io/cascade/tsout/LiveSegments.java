package io.cascade.tsout;

import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.media.SegmentStore;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stream's live window as a {@link SegmentSource}: from a given segment (or the newest closed
 * one) on, each closed segment after the last one handed out, waiting for the next to close. A
 * receiver that is {@code maxLag} or more segments behind the newest is moved to the newest: it
 * skips to a segment start (a keyframe) instead of anything queueing for it.
 */
public final class LiveSegments implements SegmentSource, SegmentListener {
    /** Start at the newest closed segment. */
    public static final long NEWEST = -1;

    private final SegmentStore store;
    private final long from;
    private final int maxLag;
    private final Executor wakeOn;
    private final AtomicReference<CompletableFuture<Void>> waiter = new AtomicReference<>();
    private volatile boolean closed;
    private long last = -1;
    private volatile long skipped;

    /**
     * @param from   the number of the first segment wanted (the oldest in the window when it is
     *               older), or {@link #NEWEST}
     * @param maxLag how many segments behind the newest a receiver may be before it skips to it, at least 1
     * @param wakeOn where waiting receivers are resumed, so that the store's thread never runs their work
     */
    public LiveSegments(SegmentStore store, long from, int maxLag, Executor wakeOn) {
        if (maxLag < 1) {
            throw new IllegalArgumentException("maxLag " + maxLag);
        }
        this.store = store;
        this.from = from;
        this.maxLag = maxLag;
        this.wakeOn = wakeOn;
        store.addListener(this);
    }

    @Override
    public CompletableFuture<Segment> next() {
        if (closed) {
            return CompletableFuture.failedFuture(new CancellationException("closed"));
        }
        Segment s = pick();
        if (s != null) {
            return CompletableFuture.completedFuture(s);
        }
        CompletableFuture<Void> wake = new CompletableFuture<>();
        waiter.set(wake);
        if (closed || pick(false) != null) { // a segment closed (or the source did) while the waiter was set
            wakeUp();
        }
        return wake.thenCompose(v -> next());
    }

    private Segment pick() {
        return pick(true);
    }

    /** The segment to hand out now, or null; {@code take} records it as handed out. */
    private Segment pick(boolean take) {
        List<Segment> window = store.closedSegments();
        if (window.isEmpty()) {
            return null;
        }
        Segment newest = window.getLast();
        Segment chosen = null;
        if (last < 0) {
            chosen = from == NEWEST ? newest : window.stream().filter(s -> s.number() >= from).findFirst().orElse(null);
        } else {
            Segment following = window.stream().filter(s -> s.number() > last).findFirst().orElse(null);
            if (following != null && newest.number() - following.number() >= maxLag) {
                if (take) {
                    skipped += newest.number() - following.number();
                }
                chosen = newest;
            } else {
                chosen = following;
            }
        }
        if (chosen != null && take) {
            last = chosen.number();
        }
        return chosen;
    }

    @Override
    public void onSegmentClosed(Segment segment) {
        wakeUp();
    }

    private void wakeUp() {
        CompletableFuture<Void> w = waiter.getAndSet(null);
        if (w != null) {
            wakeOn.execute(() -> w.complete(null));
        }
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        closed = true;
        store.removeListener(this);
        wakeUp();
    }
}
