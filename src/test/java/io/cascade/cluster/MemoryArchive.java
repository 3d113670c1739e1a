package io.cascade.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An archive in memory, for tests: both an {@link ArchiveIndex} (a source's recordings) and a
 * {@link ReplicaArchive} (a restreamer's copy). Counts reads, and can hold them until released.
 */
public final class MemoryArchive implements ArchiveIndex, ReplicaArchive {
    private final TreeMap<Long, SegmentCopy> segments = new TreeMap<>();
    private final Map<Integer, byte[]> inits = new ConcurrentHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();
    public final AtomicInteger listings = new AtomicInteger();
    private volatile CountDownLatch gate;

    public synchronized void add(ArchivedSegment s, byte[] init, byte[] bytes) {
        segments.put(s.number(), new SegmentCopy(s, bytes));
        inits.put(s.initVersion(), init);
    }

    public synchronized void remove(long number) {
        segments.remove(number);
    }

    public synchronized List<Long> numbers() {
        return List.copyOf(segments.keySet());
    }

    public synchronized Optional<SegmentCopy> get(long number) {
        return Optional.ofNullable(segments.get(number));
    }

    /** Reads wait until {@link #release} (or 5 s). */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    @Override
    public synchronized List<ArchiveRange> ranges() {
        List<ArchiveRange> out = new ArrayList<>();
        long from = -1;
        long to = -1;
        for (SegmentCopy c : segments.values()) {
            ArchivedSegment s = c.segment();
            if (from < 0 || s.startDts() != to || s.discontinuity()) {
                if (from >= 0) {
                    out.add(new ArchiveRange(from, to));
                }
                from = s.startDts();
            }
            to = s.endDts();
        }
        if (from >= 0) {
            out.add(new ArchiveRange(from, to));
        }
        return out;
    }

    @Override
    public synchronized List<ArchivedSegment> segments(long fromTicks, long toTicks, int limit) {
        listings.incrementAndGet();
        return segments.values().stream().map(SegmentCopy::segment)
                .filter(s -> s.endDts() > fromTicks && s.startDts() < toTicks).limit(limit).toList();
    }

    @Override
    public Optional<SegmentCopy> read(long number) {
        reads.incrementAndGet();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return get(number);
    }

    @Override
    public Optional<byte[]> init(int version) {
        return Optional.ofNullable(inits.get(version));
    }

    @Override
    public synchronized boolean has(long number) {
        return segments.containsKey(number);
    }

    @Override
    public void store(ArchivedSegment segment, byte[] init, byte[] bytes) {
        add(segment, init, bytes);
    }
}
