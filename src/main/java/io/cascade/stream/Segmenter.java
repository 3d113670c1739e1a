package io.cascade.stream;

import io.cascade.cmaf.CmafFragmentWriter;
import io.cascade.cmaf.CmafInitWriter;
import io.cascade.cmaf.CmafReader;
import io.cascade.mp4.Mp4FormatException;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.MediaKind;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.media.Track;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream's frames (already on its UTC timeline) into GOP-aligned segments of canonical
 * fMP4 chunks in a {@link SegmentStore}.
 *
 * <p>A segment starts at a video keyframe and closes at the first keyframe at or after the
 * target duration. Every video frame ends a chunk, so a segment is readable (and can be pushed to
 * peers) frame by frame while it grows. Audio-only streams cut on audio frames and chunk every
 * {@link #AUDIO_CHUNK} ticks. Segment numbers rise by one and survive input changes because the
 * segmenter lives as long as its stream.
 */
public final class Segmenter {
    static final long AUDIO_CHUNK = Timebase.HZ / 10;

    private final SegmentStore store;
    private final long targetDuration;
    private final List<Frame> pending = new ArrayList<>();
    private long nextNumber;
    private long fragmentSequence = 1;
    private int initVersion;
    private List<Track> inputTracks = List.of();
    private List<Track> tracks = List.of();
    private InitSegment init;
    private boolean hasVideo;
    private boolean discontinuity;
    private Segment current;
    private long lastFrameEnd;

    /**
     * @param firstNumber the number of the first segment; see {@link #firstNumberFor}
     */
    public Segmenter(SegmentStore store, long targetDurationTicks, long firstNumber) {
        this.store = store;
        this.targetDuration = targetDurationTicks;
        this.nextNumber = firstNumber;
    }

    /**
     * A first segment number that is above any this stream used before a restart: every segment
     * lasts at least the target duration, so numbers grow no faster than wall-clock time divided
     * by it.
     */
    public static long firstNumberFor(long utcNowTicks, long targetDurationTicks) {
        return utcNowTicks / Math.max(1, targetDurationTicks) + 1;
    }

    /** The input's tracks; a change of tracks closes the current segment and starts a new init. */
    public synchronized void onTracks(List<Track> newTracks) {
        if (init != null && newTracks.equals(inputTracks)) {
            return;
        }
        closeCurrent(lastFrameEnd);
        inputTracks = List.copyOf(newTracks);
        byte[] bytes = CmafInitWriter.write(inputTracks);
        // The tracks as the init bytes describe them, exactly as a cluster peer will read them
        // back: whatever is derived from segments then depends on bytes alone, on every server.
        try {
            tracks = CmafReader.readInit(bytes);
        } catch (Mp4FormatException e) {
            throw new IllegalStateException("our own init segment does not read back", e);
        }
        hasVideo = tracks.stream().anyMatch(t -> t.kind() == MediaKind.VIDEO);
        initVersion = nextInitVersion();
        init = new InitSegment(initVersion, tracks, bytes);
        store.setInit(init);
        discontinuity = initVersion > 1;
    }

    /** The timeline jumped or the input changed: the next segment is marked discontinuous. */
    public synchronized void onDiscontinuity() {
        closeCurrent(lastFrameEnd);
        discontinuity = true;
    }

    public synchronized void onFrame(Frame frame) {
        if (init == null) {
            return;
        }
        MediaKind kind = init.track(frame.trackId()).map(Track::kind).orElse(null);
        if (kind == null) {
            return;
        }
        boolean video = kind == MediaKind.VIDEO;
        if (startsSegment(frame, video)) {
            flushPending(frame.dts());
            closeWithoutFlush(frame.dts());
            startSegment(frame.dts());
        }
        if (current == null) {
            return;
        }
        pending.add(frame);
        lastFrameEnd = Math.max(lastFrameEnd, frame.dts() + frame.duration());
        if (video || (!hasVideo && frame.dts() + frame.duration() - pending.get(0).dts() >= AUDIO_CHUNK)) {
            flushPending(Long.MAX_VALUE);
        }
    }

    /** The input ended: what is pending goes out and the segment closes. */
    public synchronized void finish() {
        flushPending(Long.MAX_VALUE);
        closeCurrent(lastFrameEnd);
    }

    private boolean startsSegment(Frame frame, boolean video) {
        boolean cutPoint = hasVideo ? video && frame.keyframe() : frame.keyframe();
        if (!cutPoint) {
            return false;
        }
        return current == null || frame.dts() - current.startDts() >= targetDuration;
    }

    /** Above every version this stream published, whoever published it (a cluster pull may have). */
    private int nextInitVersion() {
        return Math.max(initVersion, store.init().map(InitSegment::version).orElse(0)) + 1;
    }

    private void startSegment(long startDts) {
        if (store.init().orElse(null) != init) {
            // Another input (a cluster pull) published its own init meanwhile: ours goes out again
            // under a new version, so players fetch it, and the timeline is marked as broken here.
            initVersion = nextInitVersion();
            init = new InitSegment(initVersion, tracks, init.bytes());
            store.setInit(init);
            discontinuity = true;
        }
        // Another writer (a cluster pull) may have used numbers meanwhile: never repeat one.
        nextNumber = Math.max(nextNumber, store.lastNumber() + 1);
        current = new Segment(nextNumber++, startDts, init, discontinuity);
        discontinuity = false;
        store.start(current);
    }

    private void closeCurrent(long endDts) {
        flushPending(Long.MAX_VALUE);
        closeWithoutFlush(endDts);
    }

    private void closeWithoutFlush(long endDts) {
        if (current == null) {
            return;
        }
        store.closeGrowing(Math.max(0, endDts - current.startDts()));
        current = null;
    }

    /** Writes the pending frames with dts before {@code limit} as one chunk of the current segment. */
    private void flushPending(long limit) {
        if (current == null || pending.isEmpty()) {
            return;
        }
        List<Frame> out = new ArrayList<>();
        pending.removeIf(f -> f.dts() < limit && out.add(f));
        if (!out.isEmpty()) {
            store.appendChunk(CmafFragmentWriter.write(fragmentSequence++, tracks, out));
        }
    }
}
