package io.cascade.dash;

import io.cascade.httpstream.StreamRequests;
import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.media.SegmentStore;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The next segment a store closes, waited for without a thread: a request held until it exists. */
final class NextSegment implements SegmentListener {
    private final CompletableFuture<Segment> closed = new CompletableFuture<>();

    private NextSegment() {
    }

    /**
     * Completes with the next segment the store closes, or with a {@link java.util.concurrent.TimeoutException}
     * after {@code timeout}.
     */
    static CompletableFuture<Segment> of(SegmentStore store, Duration timeout) {
        NextSegment next = new NextSegment();
        store.addListener(next);
        next.closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((s, err) -> store.removeListener(next));
        return next.closed;
    }

    @Override
    public void onSegmentClosed(Segment segment) {
        // Called under the store's lock: whoever waits goes on elsewhere.
        StreamRequests.WORKERS.execute(() -> closed.complete(segment));
    }
}
