package io.cascade.stream;

import io.cascade.cmaf.CmafReader;
import io.cascade.input.SegmentSink;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Track;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts segments received whole from upstream into a stream's store verbatim: the same bytes,
 * numbers and timestamps, so every form served from them equals upstream's.
 *
 * <p>The store's rules still hold: a segment that would go back in time (which includes any
 * segment already copied, from this source or an identical one) is refused; after a gap (lost
 * segments, or a source that numbers differently) the next segment takes the next free number
 * and is flagged discontinuous, so playlists stay consecutive, and the segments after it follow
 * on from it.
 */
final class SegmentCopier implements SegmentSink {
    private final SegmentStore store;
    private final Runnable onData;
    private final Map<Integer, InitSegment> initsByUpstreamVersion = new HashMap<>();
    private long copying = -1;
    /** Our number minus upstream's, 0 while the numbers are upstream's own. */
    private long offset;

    SegmentCopier(SegmentStore store, Runnable onData) {
        this.store = store;
        this.onData = onData;
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
    public synchronized boolean onSegmentStart(long number, long startDts, int initVersion, boolean discontinuity) {
        InitSegment init = initsByUpstreamVersion.get(initVersion);
        long last = store.lastNumber();
        long lastEnd = store.lastEnd();
        if (init == null || copying != -1 || (lastEnd != Long.MIN_VALUE && startDts < lastEnd)) {
            return false;
        }
        List<Segment> window = store.closedSegments();
        long local;
        boolean gap;
        if (window.isEmpty() && number > last) {
            local = number;
            gap = false;
            offset = 0;
        } else if (number + offset == last + 1) {
            local = last + 1;
            // Only an exact continuation (no gap on the timeline, same init) is seamless: that
            // is what a source carrying the same segments as the previous one sends.
            gap = startDts != lastEnd || (!window.isEmpty() && window.get(window.size() - 1).init() != init);
        } else {
            // Segments were lost, or this source numbers differently: go on from our last number,
            // and keep the shift so the segments that follow are not each taken for a new gap.
            local = last + 1;
            offset = local - number;
            gap = true;
        }
        store.start(new Segment(local, startDts, init, discontinuity || gap));
        copying = number;
        onData.run();
        return true;
    }

    @Override
    public synchronized void onChunk(long number, byte[] chunk) {
        if (number == copying) {
            store.appendChunk(chunk);
            onData.run();
        }
    }

    @Override
    public synchronized void onSegmentEnd(long number, long duration) {
        if (number == copying) {
            store.closeGrowing(duration);
            copying = -1;
        }
    }

    @Override
    public synchronized void onSegmentAbort(long number) {
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
        return last < 0 ? -1 : last + 1 - offset;
    }
}
