package io.cascade.stream;

import io.cascade.cmaf.CmafReader;
import io.cascade.input.SegmentOutOfBoundsException;
import io.cascade.input.SegmentSink;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.SegmentTarget;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Puts segments received whole from upstream into a stream's store verbatim: the same bytes,
 * numbers and timestamps, so every form served from them equals upstream's.
 *
 * <p>Upstream is a peer, so what it says is bounded before anything is stored: a segment may
 * not start or end more than {@link #MAX_AHEAD} after this server's clock, and lasts more than
 * nothing and at most {@link #maxDuration()}. A segment outside these bounds is refused with
 * {@link SegmentOutOfBoundsException} (the input drops the peer) and leaves no trace, so one
 * bad segment can never push the stream's timeline into the future.
 *
 * <p>The store's rules still hold: a segment that would go back in time (which includes any
 * segment already copied, from this source or an identical one) is refused; after a gap (lost
 * segments, or a source that numbers differently) the next segment takes the next free number
 * and is flagged discontinuous, so playlists stay consecutive, and the segments after it follow
 * on from it. One exception: when the stored timeline runs ahead of the wall clock (a source
 * that was ahead) and the source now sends new segments at the wall clock, the stream resyncs
 * to the source, with a discontinuity, rather than wait for the wall clock to catch up.
 */
final class SegmentCopier implements SegmentSink {
    private static final Logger log = LoggerFactory.getLogger(SegmentCopier.class);
    /** How far ahead of our clock a segment may start or end: NTP-synchronised clocks, and some slack. */
    static final long MAX_AHEAD = 10 * Timebase.HZ;
    /** Renumbered segments whose upstream names are kept: far more than a recorder lags behind. */
    static final int UPSTREAM_NUMBERS = 1024;
    /**
     * Numbers are about the UTC time over the segment duration (DECISIONS §3): far below this for
     * thousands of years of 1 ms segments, and far from overflow.
     */
    static final long MAX_NUMBER = 1L << 50;
    /** Bounds of the longest segment accepted, whatever the segment duration. */
    static final long MIN_MAX_DURATION = 10 * Timebase.HZ;
    static final long ABSOLUTE_MAX_DURATION = 60 * Timebase.HZ;

    private final String streamName;
    private final SegmentStore store;
    /** The longest segment accepted before the stream's target duration is known. */
    private final long fallbackMaxDuration;
    private final LongSupplier clock;
    private final Runnable onData;
    private final Map<Integer, InitSegment> initsByUpstreamVersion = new HashMap<>();
    private long copying = -1;
    /** The growing segment's bound, the same the stream's own segmenter keeps (DECISIONS §20). */
    private final long maxSegmentBytes;
    private long copyingStart;
    /** Our number minus upstream's, 0 while the numbers are upstream's own. */
    private long offset;
    /** Upstream's number of each recent segment stored under another (after a gap), local number to upstream's. */
    private final Map<Long, UpstreamSegment> upstreamNumbers = new LinkedHashMap<>();
    /** Upstream number of the last segment refused as out of bounds, and how often in a row. */
    private long refused = Long.MIN_VALUE;
    private int refusedTimes;
    /** A source behind the stored timeline was logged since the last segment stored. */
    private boolean behindLogged;

    SegmentCopier(String streamName, SegmentStore store, long targetDuration, long maxSegmentBytes, Runnable onData) {
        this(streamName, store, targetDuration, maxSegmentBytes, Timebase::now, onData);
    }

    SegmentCopier(String streamName, SegmentStore store, long targetDuration, LongSupplier utcNowTicks, Runnable onData) {
        this(streamName, store, targetDuration, Long.MAX_VALUE, utcNowTicks, onData);
    }

    SegmentCopier(String streamName, SegmentStore store, long targetDuration, long maxSegmentBytes,
                  LongSupplier utcNowTicks, Runnable onData) {
        this.maxSegmentBytes = maxSegmentBytes;
        this.streamName = streamName;
        this.store = store;
        this.fallbackMaxDuration = maxDurationFor(targetDuration);
        this.clock = utcNowTicks;
        this.onData = onData;
    }

    /**
     * The longest segment accepted: what the stream's target duration allows (a source says its
     * own in its hello, and the store keeps the larger of it and ours), so nothing copied breaks
     * the playlists' {@code EXT-X-TARGETDURATION}; before any is known, {@link #maxDurationFor}.
     */
    private long maxDuration() {
        return store.target().map(SegmentTarget::maxTicks).orElse(fallbackMaxDuration);
    }

    /** Four times the segment duration, within [{@link #MIN_MAX_DURATION}, {@link #ABSOLUTE_MAX_DURATION}]. */
    static long maxDurationFor(long targetDuration) {
        return Math.min(ABSOLUTE_MAX_DURATION, Math.max(MIN_MAX_DURATION, 4 * targetDuration));
    }

    @Override
    public synchronized void onInit(int version, byte[] bytes) throws IOException {
        InitSegment current = store.init().orElse(null);
        if (current != null && Arrays.equals(current.bytes(), bytes)) {
            initsByUpstreamVersion.put(version, current);
            return;
        }
        List<Track> tracks = CmafReader.readInit(bytes);
        int local = current == null || version > current.version() ? version : current.version() + 1;
        InitSegment init = new InitSegment(local, tracks, bytes);
        initsByUpstreamVersion.put(version, init);
        store.setInit(init);
    }

    @Override
    public synchronized boolean onSegmentStarted(long number, long startDts, int initVersion, boolean discontinuity)
            throws SegmentOutOfBoundsException {
        long now = clock.getAsLong();
        if (number < 0 || number > MAX_NUMBER) {
            // -1 means "none open" here and a number near the top would overflow the next one.
            throw outOfBounds(number, "has a number outside 0.." + MAX_NUMBER);
        }
        if (startDts > now + MAX_AHEAD) {
            throw outOfBounds(number, "starts " + seconds(startDts - now) + " s after this server's clock");
        }
        InitSegment init = initsByUpstreamVersion.get(initVersion);
        // Older than the window could hold: a source with a longer window sends it; not needed.
        boolean tooOld = startDts < now - store.capacity() * maxDuration() - MAX_AHEAD;
        if (init == null || copying != -1 || tooOld) {
            return false;
        }
        boolean resync = false;
        long lastEnd = store.lastEnd();
        if (lastEnd != Long.MIN_VALUE && startDts < lastEnd) {
            if (startsInWindow(startDts)) {
                return false;
            }
            if (lastEnd <= now) {
                if (!behindLogged) {
                    behindLogged = true;
                    log.info("stream {}: source segment {} starts {} s before the end of the stored timeline;"
                            + " refused until the source catches up", streamName, number, seconds(lastEnd - startDts));
                }
                return false;
            }
            log.info("stream {}: stored timeline runs {} s ahead of the clock and source segment {} starts"
                    + " {} s before its end: resyncing to the source", streamName, seconds(lastEnd - now),
                    number, seconds(lastEnd - startDts));
            store.restartTimeline();
            resync = true;
        }
        start(number, startDts, init, discontinuity, resync);
        return true;
    }

    /** Stores the segment's start under its own number when it follows on, else under the next free one. */
    private void start(long number, long startDts, InitSegment init, boolean discontinuity, boolean resync) {
        List<Segment> window = store.closedSegments();
        long last = store.lastNumber();
        long local;
        boolean gap;
        if (window.isEmpty() && number > last) {
            local = number;
            gap = resync;
            offset = 0;
        } else if (number + offset == last + 1) {
            local = last + 1;
            // Only an exact continuation (no gap on the timeline, same init) is seamless: that
            // is what a source carrying the same segments as the previous one sends.
            gap = resync || startDts != store.lastEnd()
                    || (!window.isEmpty() && window.get(window.size() - 1).init() != init);
        } else {
            // Segments were lost, or this source numbers differently: go on from our last number,
            // and keep the shift so the segments that follow are not each taken for a new gap.
            local = last + 1;
            offset = local - number;
            gap = true;
        }
        store.start(new Segment(local, startDts, init, discontinuity || gap));
        if (local != number || gap) {
            upstreamNumbers.put(local, new UpstreamSegment(number, discontinuity));
            if (upstreamNumbers.size() > UPSTREAM_NUMBERS) {
                upstreamNumbers.remove(upstreamNumbers.keySet().iterator().next());
            }
        }
        behindLogged = false;
        copying = number;
        copyingStart = startDts;
        onData.run();
    }

    /**
     * How upstream named the segment stored here as {@code local}, when a gap made this stream
     * renumber or flag it (empty: as stored). A recording that must keep upstream's numbers
     * ({@code replicate}) asks; known for the last {@link #UPSTREAM_NUMBERS} segments.
     */
    synchronized Optional<UpstreamSegment> upstream(long local) {
        return Optional.ofNullable(upstreamNumbers.get(local));
    }

    private boolean startsInWindow(long startDts) {
        return store.closedSegments().stream().anyMatch(s -> s.startDts() == startDts);
    }

    @Override
    public synchronized void onChunk(long number, byte[] chunk) throws SegmentOutOfBoundsException {
        if (number != copying) {
            return;
        }
        Segment growing = store.growing().orElse(null);
        if (growing != null && growing.size() + chunk.length > maxSegmentBytes) {
            // A source with a higher max_bitrate than ours, or one that never ends its segment.
            store.abortGrowing();
            copying = -1;
            throw outOfBounds(number, "grows past " + maxSegmentBytes + " bytes, this stream's bound");
        }
        store.appendChunk(chunk);
        onData.run();
    }

    @Override
    public synchronized void onSegmentClosed(long number, long duration) throws SegmentOutOfBoundsException {
        if (number != copying) {
            return;
        }
        long now = clock.getAsLong();
        long longest = maxDuration();
        String wrong = duration <= 0 || duration > longest ? "lasts " + seconds(duration) + " s (at most "
                + seconds(longest) + " s)"
                : copyingStart + duration > now + MAX_AHEAD ? "ends " + seconds(copyingStart + duration - now)
                + " s after this server's clock" : null;
        if (wrong != null) {
            store.abortGrowing();
            copying = -1;
            throw outOfBounds(number, wrong);
        }
        store.closeGrowing(duration);
        copying = -1;
        refusedTimes = 0;
    }

    /**
     * Counts the refusal: a segment refused twice in a row is the source's own (not a relay's
     * damage), so the next connection asks past it rather than be refused it for ever.
     */
    private SegmentOutOfBoundsException outOfBounds(long number, String why) {
        refusedTimes = number == refused ? refusedTimes + 1 : 1;
        refused = number;
        return new SegmentOutOfBoundsException("segment " + number + " " + why);
    }

    private static String seconds(long ticks) {
        return String.format(java.util.Locale.ROOT, "%.3f", ticks / (double) Timebase.HZ);
    }

    @Override
    public synchronized void onSegmentAborted(long number) {
        if (number == copying) {
            store.abortGrowing();
            copying = -1;
        }
    }

    @Override
    public synchronized void onInterrupted() {
        if (copying != -1) {
            store.abortGrowing();
            copying = -1;
        }
    }

    @Override
    public synchronized long nextWanted() {
        long last = store.lastNumber();
        long next = last < 0 ? -1 : last + 1 - offset;
        return refusedTimes >= 2 && refused >= next ? refused + 1 : next;
    }
}
