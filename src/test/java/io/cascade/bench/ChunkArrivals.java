package io.cascade.bench;

import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records when each chunk reaches one server's store, keyed by segment number and chunk index.
 * Only segments whose start it saw count: a restreamer gets already-closed segments whole, so
 * their chunk indices would not match the source's.
 */
final class ChunkArrivals implements SegmentListener {
    /** One chunk's arrival. */
    record Arrival(long segment, int index, int length, long nanos) {
    }

    private final ConcurrentHashMap<String, Arrival> byKey = new ConcurrentHashMap<>();
    private final List<Arrival> inOrder = new ArrayList<>();
    private final List<Long> startedNumbers = new ArrayList<>();
    private long current = Long.MIN_VALUE;
    private int nextIndex;

    @Override
    public synchronized void onSegmentStarted(Segment segment) {
        current = segment.number();
        nextIndex = 0;
        startedNumbers.add(segment.number());
    }

    @Override
    public void onChunk(Segment segment, byte[] chunk) {
        long now = System.nanoTime();
        Arrival a;
        synchronized (this) {
            if (segment.number() != current) {
                return;
            }
            a = new Arrival(segment.number(), nextIndex++, chunk.length, now);
            inOrder.add(a);
        }
        byKey.put(key(a.segment(), a.index()), a);
    }

    @Override
    public synchronized void onSegmentAborted(Segment segment) {
        current = Long.MIN_VALUE;
        startedNumbers.remove(segment.number());
    }

    Arrival find(long segment, int index) {
        return byKey.get(key(segment, index));
    }

    synchronized List<Arrival> inOrder() {
        return new ArrayList<>(inOrder);
    }

    /** Numbers of the segments started (aborted ones removed), in order. */
    synchronized List<Long> startedNumbers() {
        return new ArrayList<>(startedNumbers);
    }

    private static String key(long segment, int index) {
        return segment + "/" + index;
    }
}
