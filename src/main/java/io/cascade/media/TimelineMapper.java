package io.cascade.media;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Maps one stream's input clocks onto its UTC timeline, keeping it continuous, monotonic and near
 * the wall clock.
 *
 * <p>The first frame of an input anchors the input clock to the wall clock; after that the input's
 * own timestamps drive the timeline, so frame spacing is exact. Nothing an input sends can move
 * the timeline far from the wall clock:
 * <ul>
 *   <li>a frame more than {@link #MAX_JUMP} from the end of the timeline, forwards or back (a
 *       publisher's clock jump, an extended-timestamp step), re-anchors its track near the wall
 *       clock and the stream takes a discontinuity;</li>
 *   <li>a frame duration outside 0..{@link #MAX_JUMP} is not believed: the track's last believable
 *       one is used;</li>
 *   <li>{@link #aheadOfClock} tells the input to wait when it runs ahead of the wall clock, so the
 *       timeline never leads it by more than {@link #MAX_LEAD};</li>
 *   <li>a new input starts at {@code max(now, end of timeline)}, which those bounds keep within
 *       seconds of now; an end further ahead than any input could have made (a faulty cluster
 *       peer's segments) is given up: the input starts at now.</li>
 * </ul>
 */
public final class TimelineMapper {
    /** A step of the input clock larger than this is a discontinuity, not a late or early frame. */
    public static final long MAX_JUMP = 5 * Timebase.HZ;
    /** How far the timeline may run ahead of the wall clock before the input has to wait. */
    public static final long MAX_LEAD = 3 * Timebase.HZ;
    /**
     * An end of timeline further ahead of now than this was not made by an input through this
     * mapper (a paced frame may lead by {@link #MAX_LEAD}, the next step and duration add at most
     * {@link #MAX_JUMP} each).
     */
    public static final long MAX_FUTURE = MAX_LEAD + 2 * MAX_JUMP;

    private final LongSupplier clock;
    private final Map<Integer, TrackState> tracks = new HashMap<>();
    private boolean anchored;
    private long inputOffset;
    private long end = Long.MIN_VALUE;
    private boolean jumped;

    /** Where one track of the current input is: its own offset after a jump, its last frame. */
    private static final class TrackState {
        long offset;
        long lastDts = Long.MIN_VALUE;
        long lastDuration;
    }

    public TimelineMapper(LongSupplier utcNowTicks) {
        this.clock = utcNowTicks;
    }

    public TimelineMapper() {
        this(Timebase::now);
    }

    /** The next frame starts a new input clock (a new connection, another input). */
    public void reanchor() {
        anchored = false;
    }

    /**
     * As {@link #reanchor()}, and the timeline must go on after {@code notBefore} (the end of what
     * the stream has published by other means, e.g. segments copied from a cluster peer).
     */
    public void reanchor(long notBefore) {
        anchored = false;
        if (notBefore != Long.MIN_VALUE) {
            end = Math.max(end, notBefore);
        }
    }

    /**
     * The frame on the UTC timeline, or null when it must be dropped because it would not be
     * later than the track's previous frame.
     */
    public Frame map(Frame frame) {
        if (!anchored) {
            anchor(frame.dts());
        }
        TrackState track = tracks.computeIfAbsent(frame.trackId(), id -> newTrack());
        long dts = frame.dts() + track.offset;
        if (end != Long.MIN_VALUE && (dts > end + MAX_JUMP || dts < end - MAX_JUMP)) {
            // Only this track's clock is known to have jumped; the others follow when theirs do.
            jumped = true;
            track.offset = startPoint() - frame.dts();
            dts = frame.dts() + track.offset;
        }
        if (track.lastDts != Long.MIN_VALUE && dts <= track.lastDts) {
            return null;
        }
        long duration = frame.duration();
        if (duration < 0 || duration > MAX_JUMP) {
            duration = track.lastDuration;
        } else if (duration > 0) {
            track.lastDuration = duration;
        }
        track.lastDts = dts;
        end = Math.max(end, dts + duration);
        return new Frame(frame.trackId(), dts, frame.pts() + track.offset, duration, frame.keyframe(), frame.data());
    }

    /**
     * How long (ticks) the input must wait before {@code onTimeline} may go on: the time by which it
     * runs further ahead of the wall clock than {@link #MAX_LEAD}; 0 or less when it may go now.
     */
    public long aheadOfClock(Frame onTimeline) {
        return onTimeline.dts() - clock.getAsLong() - MAX_LEAD;
    }

    /** True once since the last call when the timeline was re-anchored or jumped. */
    public boolean takeDiscontinuity() {
        boolean j = jumped;
        jumped = false;
        return j;
    }

    private TrackState newTrack() {
        TrackState t = new TrackState();
        t.offset = inputOffset;
        return t;
    }

    private void anchor(long inputDts) {
        if (end != Long.MIN_VALUE) {
            jumped = true;
        }
        inputOffset = startPoint() - inputDts;
        tracks.clear();
        anchored = true;
    }

    /**
     * Where the timeline goes on: its end, or now if that is later. An end implausibly far ahead
     * is given up (time goes back there, under the discontinuity the caller flags).
     */
    private long startPoint() {
        long now = clock.getAsLong();
        if (end != Long.MIN_VALUE && end > now + MAX_FUTURE) {
            end = Long.MIN_VALUE;
            tracks.values().forEach(t -> t.lastDts = Long.MIN_VALUE);
        }
        return end == Long.MIN_VALUE ? now : Math.max(now, end);
    }
}
