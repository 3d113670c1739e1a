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
import io.cascade.media.SegmentTarget;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream's frames (already on its UTC timeline) into GOP-aligned segments of canonical
 * fMP4 chunks in a {@link SegmentStore}.
 *
 * <p>A segment starts at a video keyframe and closes at the first keyframe at or after the
 * configured duration. It never grows beyond {@link SegmentTarget#maxTicks()} (what the playlist's
 * target duration allows) nor beyond a byte bound: a frame that would take it past either is cut
 * into the next segment even without a keyframe, with a one-time warning that the input's keyframe
 * interval is too long for the configured duration. Every video frame ends a chunk, so a segment
 * is readable (and can be pushed to peers) frame by frame while it grows. Audio-only streams cut
 * on audio frames and chunk every {@link #AUDIO_CHUNK} ticks. Segment numbers rise by one and
 * survive input changes because the segmenter lives as long as its stream.
 */
public final class Segmenter {
    static final long AUDIO_CHUNK = Timebase.HZ / 10;
    private static final Logger log = LoggerFactory.getLogger(Segmenter.class);

    private final String streamName;
    private final SegmentStore store;
    private final long targetDuration;
    private final SegmentTarget target;
    private final long maxSegmentBytes;
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
    private long lastCutTrackDts = Long.MAX_VALUE;
    private boolean warnedNoKeyframe;
    private boolean currentStartsOnKeyframe;
    private boolean warnedBytes;

    /**
     * @param firstNumber the number of the first segment; see {@link #firstNumberFor}
     */
    public Segmenter(SegmentStore store, long targetDurationTicks, long firstNumber) {
        this("", store, targetDurationTicks, firstNumber, Long.MAX_VALUE);
    }

    /**
     * @param streamName          names the stream in log lines
     * @param targetDurationTicks the configured segment duration (90 kHz)
     * @param firstNumber         the number of the first segment; see {@link #firstNumberFor}
     * @param maxSegmentBytes     the most bytes one segment may hold
     */
    public Segmenter(String streamName, SegmentStore store, long targetDurationTicks, long firstNumber,
                     long maxSegmentBytes) {
        this.streamName = streamName;
        this.store = store;
        this.targetDuration = targetDurationTicks;
        this.target = SegmentTarget.forDuration(targetDurationTicks);
        this.maxSegmentBytes = maxSegmentBytes;
        this.nextNumber = firstNumber;
    }

    /**
     * Makes the next segment's number at least {@code number} + 1: an archive holds numbers of an
     * earlier run, and a restarted stream must not make them again.
     */
    public synchronized void continueAbove(long number) {
        nextNumber = Math.max(nextNumber, number + 1);
    }

    /** The target this segmenter keeps its segments within. */
    public SegmentTarget target() {
        return target;
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
            currentStartsOnKeyframe = frame.keyframe();
        }
        if (current != null && current.size() + frame.size() > maxSegmentBytes) {
            warnBytes();
            return;
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
        boolean cutTrack = !hasVideo || video;
        if (!cutTrack) {
            return false;
        }
        // The frame's own duration, or (unknown) the step from the previous frame as a guess of it.
        long gap = frame.duration() > 0 ? frame.duration() : Math.max(0, frame.dts() - lastCutTrackDts);
        lastCutTrackDts = frame.dts();
        if (current == null) {
            return frame.keyframe();
        }
        long elapsed = frame.dts() - current.startDts();
        if (frame.keyframe() && (elapsed >= targetDuration || (!currentStartsOnKeyframe && elapsed > 0
                && nextNumber <= firstNumberFor(frame.dts(), targetDuration)))) {
            // A segment that had to start without a keyframe ends at the next one, so segments get
            // back onto the input's keyframes, but only while numbers stay within the clock's
            // budget (DECISIONS §3): a restart must still start above every number used.
            return true;
        }
        boolean tooLong = elapsed + gap > target.maxTicks();
        if (tooLong) {
            warnNoKeyframe(frame.keyframe());
        }
        return (tooLong || current.size() + frame.size() > maxSegmentBytes) && elapsed > 0;
    }

    private void warnNoKeyframe(boolean keyframe) {
        if (!warnedNoKeyframe && !keyframe) {
            warnedNoKeyframe = true;
            log.warn("stream {}: no keyframe within {} ms of a segment start, so segments are cut without one"
                            + " (players may stall or start late); raise segment_duration to the input's keyframe"
                            + " interval or make the encoder send a keyframe every {} s (e.g. ffmpeg -g FPS*{})",
                    streamName, target.maxTicks() / 90, targetDuration / (double) Timebase.HZ,
                    targetDuration / (double) Timebase.HZ);
        }
    }

    private void warnBytes() {
        if (!warnedBytes) {
            warnedBytes = true;
            log.warn("stream {}: a frame does not fit the segment byte bound of {} bytes; dropping such frames",
                    streamName, maxSegmentBytes);
        }
    }

    /** Above every version this stream published, whoever published it (a cluster pull may have). */
    private int nextInitVersion() {
        return Math.max(initVersion, store.init().map(InitSegment::version).orElse(0)) + 1;
    }

    private void startSegment(long startDts) {
        // The end only counts within the segment: a timeline that moved back must not leave an
        // old, later end for the next close.
        lastFrameEnd = startDts;
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
        store.adoptTarget(target);
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
        long duration = Math.max(0, endDts - current.startDts());
        if (duration > target.maxTicks()) {
            // A hole inside the input's clock (under the timeline's jump bound): the segment ends at
            // the bound and the next one starts after the hole, so it is marked discontinuous.
            duration = target.maxTicks();
            discontinuity = true;
        }
        store.closeGrowing(duration);
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
