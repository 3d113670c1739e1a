package io.cascade.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the viewers of a stream as the distinct addresses that fetched from it lately: HTTP
 * players hold no connection, so "lately" is what makes them viewers.
 */
final class ClientTracker {
    private final long windowNanos;
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    ClientTracker(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void seen(String client) {
        lastSeen.put(client, System.nanoTime());
    }

    int count() {
        long cutoff = System.nanoTime() - windowNanos;
        lastSeen.values().removeIf(t -> t - cutoff < 0);
        return lastSeen.size();
    }

    /** Nanos since the last fetch, or Long.MAX_VALUE when nobody ever fetched. */
    long idleNanos() {
        long latest = lastSeen.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        return latest == Long.MIN_VALUE ? Long.MAX_VALUE : System.nanoTime() - latest;
    }
}
