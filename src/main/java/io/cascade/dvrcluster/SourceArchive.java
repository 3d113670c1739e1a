package io.cascade.dvrcluster;

import io.cascade.cluster.ArchiveIndex;
import io.cascade.cluster.SegmentCopy;
import io.cascade.cmaf.CmafReader;
import io.cascade.dvr.Archive;
import io.cascade.dvr.ArchiveRange;
import io.cascade.dvr.ArchiveUnreachableException;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.dvr.InitIds;
import io.cascade.dvr.TrackTime;
import io.cascade.media.InitSegment;
import io.cascade.media.MediaFormatException;
import io.cascade.media.Segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A cluster source's archive of one stream, as the archive routes read a local one: what a
 * restreamer without a DVR of its own serves archive URLs from, with the source's numbers, times,
 * flags, inits and bytes, so every playlist and segment is the source's byte for byte.
 *
 * <p>Listings ({@link #segments}, {@link #segmentsFrom}) fetch from the source and may block: the
 * routes call them off the event loop. The lookups the routes make on the event loop (a segment
 * by its name's second, by a track's start, the newest init) and {@link #ranges} answer at once
 * from what listings taught this archive; ranges older than {@link #RANGES_MILLIS} are fetched
 * again on a virtual thread. A source that cannot be reached is an {@link ArchiveUnreachableException}.
 */
public final class SourceArchive implements Archive {
    static final long RANGES_MILLIS = 1_000;
    /** Segments known by time for the event-loop lookups; the oldest learned go first beyond it. */
    static final int MAX_KNOWN = 100_000;
    /** A track's fragment starts this close to its segment's start (90 kHz). */
    private static final long TRACK_SLACK = 90_000;
    private static final ExecutorService FETCHES = Executors.newVirtualThreadPerTaskExecutor();

    private final ArchiveIndex source;
    private final LongSupplier clock;
    /** A segment as listed, with the source's sequence and run start at it. */
    private record Known(ArchivedSegment segment, long discontinuities, long runStart) {
    }

    private final NavigableMap<Long, Known> known = new TreeMap<>();
    private final Map<Integer, String> initIds = new ConcurrentHashMap<>();
    private final Map<String, InitSegment> inits = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean lookingUp = new AtomicBoolean();
    private volatile List<ArchiveRange> ranges = List.of();
    /** When the ranges were fetched; none yet: never. */
    private volatile long rangesAt;
    private volatile boolean rangesKnown;
    private volatile String newestInit;

    public SourceArchive(ArchiveIndex source) {
        this(source, System::currentTimeMillis);
    }

    SourceArchive(ArchiveIndex source, LongSupplier clockMillis) {
        this.source = source;
        this.clock = clockMillis;
    }

    /** The archive read, for telling whether this adapter still wraps a stream's current one. */
    ArchiveIndex source() {
        return source;
    }

    @Override
    public List<ArchiveRange> ranges() {
        if (rangesStale() && refreshing.compareAndSet(false, true)) {
            FETCHES.execute(() -> {
                try {
                    fetchRanges();
                } catch (RuntimeException e) {
                    // unreachable: the ranges stay as last known, asked again next time
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return ranges;
    }

    private List<ArchiveRange> fetchRanges() {
        try {
            List<ArchiveRange> fresh = source.ranges().stream().map(r -> new ArchiveRange(r.fromTicks(), r.toTicks())).toList();
            ranges = fresh;
            rangesAt = clock.getAsLong();
            rangesKnown = true;
            return fresh;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private boolean rangesStale() {
        return !rangesKnown || clock.getAsLong() - rangesAt >= RANGES_MILLIS;
    }

    @Override
    public List<ArchivedSegment> segments(long fromDts, long toDts) {
        return list(fromDts, toDts, Integer.MAX_VALUE);
    }

    @Override
    public List<ArchivedSegment> segmentsFrom(long fromDts, int limit) {
        return list(fromDts, Long.MAX_VALUE, limit);
    }

    private List<ArchivedSegment> list(long fromDts, long toDts, int limit) {
        if (rangesStale()) {
            fetchRanges(); // the discontinuity sequence is counted from them
        }
        List<io.cascade.cluster.ArchivedSegment> wire;
        try {
            wire = source.segments(Math.max(0, fromDts), toDts, limit);
        } catch (IOException e) {
            throw unreachable(e);
        }
        List<Known> listed = new ArrayList<>(wire.size());
        for (io.cascade.cluster.ArchivedSegment w : wire) {
            String initId = initId(w.initVersion());
            if (initId != null) {
                List<TrackTime> tracks = w.tracks().stream().map(t -> new TrackTime(t.trackId(), t.start(), t.duration())).toList();
                listed.add(new Known(new ArchivedSegment(w.number(), w.startDts(), w.duration(), w.size(), initId,
                        w.discontinuity(), tracks), w.discontinuities(), w.runStart()));
            }
        }
        learn(listed);
        return listed.stream().map(Known::segment).toList();
    }

    private synchronized void learn(List<Known> list) {
        for (Known k : list) {
            known.put(k.segment().startDts(), k);
        }
        while (known.size() > MAX_KNOWN) {
            known.pollFirstEntry();
        }
        if (!known.isEmpty()) {
            newestInit = known.lastEntry().getValue().segment().initId();
        }
    }

    /** What a listing said of {@code segment}, if this archive still knows it. */
    private synchronized Optional<Known> knownAs(ArchivedSegment segment) {
        Known k = known.get(segment.startDts());
        return k != null && k.segment().number() == segment.number() ? Optional.of(k) : Optional.empty();
    }

    /** The content name of the source's init {@code version}: fetched and hashed once. */
    private String initId(int version) {
        String id = initIds.get(version);
        if (id != null) {
            return id;
        }
        Optional<byte[]> bytes;
        try {
            bytes = source.init(version);
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (bytes.isEmpty()) {
            return null;
        }
        id = InitIds.of(bytes.get());
        if (InitIds.version(id) != version) {
            return null; // not an init named as the DVR names them: its segments cannot be served alike
        }
        try {
            inits.putIfAbsent(id, new InitSegment(version, CmafReader.readInit(bytes.get()), bytes.get()));
        } catch (MediaFormatException e) {
            return null;
        }
        initIds.put(version, id);
        return id;
    }

    /**
     * The source's own count, as its listing carried it; for a segment no longer known, counted
     * from the source's ranges (each range after the first began with a discontinuity).
     */
    @Override
    public long discontinuitySequence(ArchivedSegment segment) {
        Optional<Known> k = knownAs(segment);
        if (k.isPresent()) {
            return k.get().discontinuities();
        }
        long n = ranges.stream().filter(r -> r.from() <= segment.startDts()).count();
        return Math.max(0, n - 1);
    }

    @Override
    public long runStart(ArchivedSegment segment) {
        Optional<Known> k = knownAs(segment);
        if (k.isPresent()) {
            return k.get().runStart();
        }
        for (ArchiveRange r : ranges) {
            if (r.from() <= segment.startDts() && segment.startDts() < r.to()) {
                return r.from();
            }
        }
        return segment.startDts();
    }

    @Override
    public CompletableFuture<InitSegment> init(String initId) {
        InitSegment i = inits.get(initId);
        if (i != null) {
            return CompletableFuture.completedFuture(i);
        }
        if (!InitIds.isValid(initId)) {
            return CompletableFuture.failedFuture(new IOException("no init " + initId));
        }
        return CompletableFuture.supplyAsync(() -> {
            String id = initId(InitIds.version(initId));
            InitSegment found = id == null ? null : inits.get(initId);
            if (found == null) {
                throw new UncheckedIOException(new IOException("the source has no init " + initId));
            }
            return found;
        }, FETCHES);
    }

    @Override
    public CompletableFuture<Segment> read(ArchivedSegment s) {
        return init(s.initId()).thenApplyAsync(init -> {
            Optional<SegmentCopy> copy;
            try {
                copy = source.read(s.number());
            } catch (IOException e) {
                throw unreachable(e);
            }
            if (copy.isEmpty() || copy.get().segment().startDts() != s.startDts()) {
                throw new UncheckedIOException(new IOException("the source no longer has segment " + s.number()));
            }
            return Segment.complete(s.number(), s.startDts(), s.duration(), init, s.discontinuity(), copy.get().bytes());
        }, FETCHES);
    }

    /**
     * Answered from what listings taught this archive, as {@link #startingInSecond}: a track's
     * fragment starts within a second of its segment.
     */
    @Override
    public Optional<ArchivedSegment> byTrackStart(int trackId, long trackStart) {
        Optional<ArchivedSegment> found;
        synchronized (this) {
            found = known.subMap(trackStart - TRACK_SLACK, true, trackStart + TRACK_SLACK, false).values().stream()
                    .map(Known::segment)
                    .filter(s -> s.tracks().stream().anyMatch(t -> t.trackId() == trackId && t.start() == trackStart))
                    .findFirst();
        }
        if (found.isEmpty()) {
            lookUp(trackStart - TRACK_SLACK, trackStart + TRACK_SLACK);
        }
        return found;
    }

    /**
     * Answered from what listings taught this archive; a second it knows nothing of is listed from
     * the source on a virtual thread (one such lookup at a time), so the player's retry finds it.
     */
    @Override
    public List<ArchivedSegment> startingInSecond(long second) {
        List<ArchivedSegment> found;
        synchronized (this) {
            found = known.subMap(second * 90_000, true, (second + 1) * 90_000, false).values().stream()
                    .map(Known::segment).toList();
        }
        if (found.isEmpty()) {
            lookUp(second * 90_000, (second + 1) * 90_000);
        }
        return found;
    }

    private void lookUp(long fromDts, long toDts) {
        if (fromDts >= 0 && lookingUp.compareAndSet(false, true)) {
            FETCHES.execute(() -> {
                try {
                    list(fromDts, toDts, 16);
                } catch (RuntimeException e) {
                    // unreachable: the request that asked was answered already
                } finally {
                    lookingUp.set(false);
                }
            });
        }
    }

    @Override
    public Optional<String> newestInitId() {
        return Optional.ofNullable(newestInit);
    }

    private static ArchiveUnreachableException unreachable(IOException e) {
        return new ArchiveUnreachableException("the source's archive cannot be reached: " + e.getMessage(), e);
    }
}
