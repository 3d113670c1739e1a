package io.cascade.cluster;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The restreamer's memory for archive bytes fetched from sources (segments and inits), shared by
 * every stream: least recently used entries go first once the total passes {@code maxBytes}
 * ({@code dvr_cache}), and concurrent misses of one entry make one fetch ({@link Coalescer}).
 * What is not found (empty) is not kept.
 */
public final class ArchiveCache {
    /** Default {@code dvr_cache}, 256 MiB: about a catch-up hour of a 500 kbit/s stream, or 15 min of 2 Mbit/s. */
    public static final long DEFAULT_BYTES = 256L << 20;

    /** What is cached: source hosts, stream, kind ('S' segment, 'I' init) and number. */
    record Key(String source, String stream, char kind, long number) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<Key, Object> meta = new java.util.HashMap<>();
    private final Coalescer<Key, Optional<Object>> loads = new Coalescer<>();
    private long bytes;

    public ArchiveCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative cache size");
        }
        this.maxBytes = maxBytes;
    }

    /** The cached bytes of {@code key}, else loaded once however many ask at the same time. */
    <T> Optional<T> get(Key key, Class<T> type, Coalescer.Load<Optional<T>> load, java.util.function.Function<T, byte[]> bytesOf)
            throws IOException, InterruptedException {
        Optional<Object> hit = cached(key);
        if (hit.isPresent()) {
            return hit.map(type::cast);
        }
        Optional<Object> got = loads.get(key, () -> {
            Optional<Object> again = cached(key);
            if (again.isPresent()) {
                return again;
            }
            Optional<T> v = load.run();
            v.ifPresent(x -> put(key, x, bytesOf.apply(x)));
            return v.map(Object.class::cast);
        });
        return got.map(type::cast);
    }

    private synchronized Optional<Object> cached(Key key) {
        return entries.get(key) == null ? Optional.empty() : Optional.ofNullable(meta.get(key));
    }

    private synchronized void put(Key key, Object value, byte[] b) {
        if (b.length > maxBytes || entries.containsKey(key)) {
            return;
        }
        entries.put(key, b);
        meta.put(key, value);
        bytes += b.length;
        for (Iterator<Map.Entry<Key, byte[]>> it = entries.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            Map.Entry<Key, byte[]> e = it.next();
            bytes -= e.getValue().length;
            meta.remove(e.getKey());
            it.remove();
        }
    }

    /** Bytes held now (at most {@code maxBytes}). */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }
}
