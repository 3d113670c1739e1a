package io.cascade.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live window of one stream: its init segment, the last {@code capacity} closed segments and
 * the one growing. One writer (the stream's segmenter or a cluster pull) and many readers.
 *
 * <p>Changes and listener calls happen under one lock, so {@link #subscribe} can hand a new
 * listener a snapshot that the events it then receives continue exactly, with nothing missed or
 * repeated. Listeners must therefore be quick (queue, never block).
 */
public final class SegmentStore {
    private final int capacity;
    private final long maxBytes;
    private final ArrayDeque<Segment> closed = new ArrayDeque<>();
    private final List<SegmentListener> listeners = new CopyOnWriteArrayList<>();
    private volatile InitSegment init;
    private volatile Segment growing;
    private volatile CompletableFuture<Segment> firstClosed = new CompletableFuture<>();
    private long lastNumber = -1;
    private long lastEnd = Long.MIN_VALUE;
    private long discontinuitiesEvicted;
    private long periodStartEvicted;
    private long closedBytes;
    private volatile SegmentTarget target;

    /** What a new subscriber has missed: the init, the closed window and the growing segment's chunks so far. */
    public record Snapshot(Optional<InitSegment> init, List<Segment> closed, Optional<Segment> growing,
                           List<byte[]> growingChunks) {
    }

    public SegmentStore(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    /**
     * @param capacity how many closed segments the window holds at most
     * @param maxBytes how many bytes they may hold together; the oldest leave first, but the
     *                 newest closed segment always stays
     */
    public SegmentStore(int capacity, long maxBytes) {
        if (capacity < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("capacity and byte bound must be at least 1");
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The target duration of the segments in this window, once whoever makes them (the segmenter,
     * or a cluster source through its hello) has said it; empty before.
     */
    public Optional<SegmentTarget> target() {
        return Optional.ofNullable(target);
    }

    /**
     * Takes the target of the maker of the next segments. It only ever grows, so a playlist's
     * {@code EXT-X-TARGETDURATION} never falls below a segment it listed; returns the target now in force.
     */
    public synchronized SegmentTarget adoptTarget(SegmentTarget offered) {
        SegmentTarget t = target;
        if (t == null || offered.targetSeconds() > t.targetSeconds()) {
            target = offered;
        }
        return target;
    }

    public Optional<InitSegment> init() {
        return Optional.ofNullable(init);
    }

    public synchronized void setInit(InitSegment newInit) {
        this.init = newInit;
        listeners.forEach(l -> l.onInit(newInit));
    }

    /** Starts a new growing segment; the previous one must have been closed. */
    public synchronized void start(Segment segment) {
        if (growing != null) {
            throw new IllegalStateException("segment " + growing.number() + " is still open");
        }
        if (segment.number() <= lastNumber) {
            throw new IllegalArgumentException("segment number " + segment.number()
                    + " does not follow " + lastNumber);
        }
        lastNumber = segment.number();
        growing = segment;
        listeners.forEach(l -> l.onSegmentStarted(segment));
    }

    public synchronized void appendChunk(byte[] chunk) {
        Segment s = growing;
        if (s == null) {
            throw new IllegalStateException("no segment is open");
        }
        s.append(chunk);
        listeners.forEach(l -> l.onChunk(s, chunk));
    }

    public void closeGrowing(long duration) {
        Segment s;
        synchronized (this) {
            s = growing;
            if (s == null) {
                return;
            }
            s.close(duration);
            addClosed(s);
        }
        firstClosed.complete(s);
    }

    /**
     * Drops the growing segment unpublished (its input died mid-segment): its number may be made
     * again, whole, by the next input.
     */
    public synchronized void abortGrowing() {
        Segment s = growing;
        if (s == null) {
            return;
        }
        growing = null;
        lastNumber = s.number() - 1;
        listeners.forEach(l -> l.onSegmentAborted(s));
    }

    /** Adds a segment received whole (cluster, DVR), skipping the growing state. */
    public void addComplete(Segment segment) {
        synchronized (this) {
            start(segment);
            addClosed(segment);
        }
        firstClosed.complete(segment);
    }

    private void addClosed(Segment s) {
        closed.addLast(s);
        closedBytes += s.size();
        growing = null;
        lastEnd = Math.max(lastEnd, s.endDts());
        while (closed.size() > capacity || (closedBytes > maxBytes && closed.size() > 1)) {
            evict(closed.removeFirst());
        }
        listeners.forEach(l -> l.onSegmentClosed(s));
    }

    private void evict(Segment gone) {
        closedBytes -= gone.size();
        if (gone.discontinuity()) {
            discontinuitiesEvicted++;
            periodStartEvicted = gone.startDts();
        }
        gone.release();
    }

    /** Bytes of the closed segments in the window. */
    public synchronized long closedBytes() {
        return closedBytes;
    }

    /**
     * Forgets the window (an on-demand stream that stopped): a later start must not show stale
     * segments. Numbers go on from where they were.
     */
    public synchronized void clearWindow() {
        closed.forEach(this::evict);
        closed.clear();
        if (growing != null) {
            abortGrowing();
        }
        if (firstClosed.isDone()) {
            firstClosed = new CompletableFuture<>();
        }
    }

    /**
     * As {@link #clearWindow()}, and the timeline starts afresh: what comes next may start before
     * the end of what was cleared (a cluster source whose timeline moved back is followed).
     */
    public synchronized void restartTimeline() {
        clearWindow();
        lastEnd = Long.MIN_VALUE;
    }

    /**
     * How many segments flagged as discontinuity left the window: what playlists need to keep
     * their discontinuity sequence steady while the window slides.
     */
    public synchronized long discontinuitiesBeforeWindow() {
        return discontinuitiesEvicted;
    }

    /** Start of the last discontinuity that left the window (a DASH Period start), 0 if none did. */
    public synchronized long periodStartBeforeWindow() {
        return periodStartEvicted;
    }

    /** Closed segments in the window, oldest first. */
    public synchronized List<Segment> closedSegments() {
        return new ArrayList<>(closed);
    }

    public Optional<Segment> growing() {
        return Optional.ofNullable(growing);
    }

    public synchronized Optional<Segment> byNumber(long number) {
        Segment g = growing;
        if (g != null && g.number() == number) {
            return Optional.of(g);
        }
        for (Segment s : closed) {
            if (s.number() == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The last number handed out, -1 before the first segment. */
    public synchronized long lastNumber() {
        return lastNumber;
    }

    /** The end of the last closed segment on the timeline, Long.MIN_VALUE before the first. */
    public synchronized long lastEnd() {
        return lastEnd;
    }

    /** Completes when the first segment has closed, so a player has something to fetch. */
    public CompletableFuture<Segment> firstClosed() {
        return firstClosed;
    }

    /**
     * Registers {@code l} and hands {@code backlog} everything it would have been told before,
     * atomically: {@code backlog} runs under the store's lock, before any further event.
     */
    public synchronized void subscribe(SegmentListener l, java.util.function.Consumer<Snapshot> backlog) {
        listeners.add(l);
        Segment g = growing;
        backlog.accept(new Snapshot(Optional.ofNullable(init), new ArrayList<>(closed), Optional.ofNullable(g),
                g == null ? List.of() : g.chunks()));
    }

    public void addListener(SegmentListener l) {
        listeners.add(l);
    }

    public void removeListener(SegmentListener l) {
        listeners.remove(l);
    }
}
