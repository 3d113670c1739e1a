package io.cascade.cluster;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs one load per key at a time: callers that ask for a key while it is being loaded wait for
 * that load and share its result (or its failure) rather than starting their own, so a thousand
 * viewers of one catch-up segment make one fetch. The wait is bounded by the load's own deadline.
 */
final class Coalescer<K, V> {
    interface Load<V> {
        V run() throws IOException, InterruptedException;
    }

    private final ConcurrentHashMap<K, CompletableFuture<V>> inflight = new ConcurrentHashMap<>();

    V get(K key, Load<V> load) throws IOException, InterruptedException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            V v = load.run();
            mine.complete(v);
            return v;
        } catch (IOException | InterruptedException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    /** Loads under way, for tests. */
    int running() {
        return inflight.size();
    }

    private static <V> V join(CompletableFuture<V> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ArchiveUnavailableException u) {
                throw new ArchiveUnavailableException(u.getMessage());
            }
            if (c instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (c instanceof InterruptedException) {
                throw new IOException("the shared load was interrupted");
            }
            throw new IOException(String.valueOf(c), c);
        }
    }
}
