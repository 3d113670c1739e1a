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
 * <p>The store's rules still hold: a number already used, or a segment that would go back in
 * time, is refused; after a gap (another source, lost segments) the next segment takes the next
 * free number and is flagged discontinuous, so playlists stay consecutive.
 */
final class SegmentCopier implements SegmentSink {
    private final SegmentStore store;
    private final Runnable onData;
    private final Map<Integer, InitSegment> initsByUpstreamVersion = new HashMap<>();
    private long copying = -1;

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
        if (init == null || number <= last || (lastEnd != Long.MIN_VALUE && startDts < lastEnd)) {
            return false;
        }
        List<Segment> window = store.closedSegments();
        long local = number;
        // Only an exact continuation (next number, same init, no gap on the timeline) is seamless:
        // that is what a source carrying the same segments as the previous one sends.
        boolean gap = !window.isEmpty() && (number != last + 1 || startDts != lastEnd
                || window.get(window.size() - 1).init() != init);
        if (!window.isEmpty() && number != last + 1) {
            local = last + 1;
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
        return last < 0 ? -1 : last + 1;
    }
}
