package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.IOException;
import java.util.List;

/**
 * One run of one input: the sink it feeds. It counts for the input's stats, and it owns the
 * stream only while {@link #live}: a run that starts while the backup plays holds its frames
 * back until its first keyframe, and takes the stream over there.
 */
final class Run implements MediaSink {
    final InputSupervisor supervisor;
    final ConfiguredInput in;
    final int index;
    final InputStats stats;
    final long startNanos;
    final long framesAtStart;
    /** This run feeds the stream; guarded by the supervisor's feed lock. */
    volatile boolean live;
    private List<Track> tracks = List.of();

    Run(InputSupervisor supervisor, ConfiguredInput in, int index, InputStats stats, long startNanos) {
        this.supervisor = supervisor;
        this.in = in;
        this.index = index;
        this.stats = stats;
        this.startNanos = startNanos;
        this.framesAtStart = stats.frames();
    }

    /** The run starts: it owns the stream at once unless the backup plays. */
    void begin() {
        supervisor.feed.lock();
        try {
            if (!supervisor.backupOwnsStream()) {
                live = true;
                supervisor.switched(in.input());
            }
        } finally {
            supervisor.feed.unlock();
        }
    }

    /** The run ended: if it owned the stream, the stream hears so. */
    void end() {
        supervisor.feed.lock();
        try {
            if (live) {
                live = false;
                supervisor.switched(null);
            }
        } finally {
            supervisor.feed.unlock();
        }
    }

    /** The backup takes the stream from this run, which stalled: its part of the stream ends. Feed lock held. */
    void yieldToBackup() {
        if (live) {
            live = false;
            supervisor.switched(null);
        }
    }

    @Override
    public void onTracks(List<Track> newTracks) {
        supervisor.feed.lock();
        try {
            tracks = List.copyOf(newTracks);
            if (live) {
                supervisor.sink.onTracks(newTracks);
            }
        } finally {
            supervisor.feed.unlock();
        }
    }

    @Override
    public void onFrame(Frame frame) {
        long now = supervisor.nanoClock.getAsLong();
        stats.frame(now);
        supervisor.feed.lock();
        try {
            if (!live && !takeOver(frame)) {
                return;
            }
            supervisor.lastLiveNanos = now;
            stats.state(InputStats.State.ACTIVE);
            supervisor.sink.onFrame(frame);
        } finally {
            supervisor.feed.unlock();
        }
    }

    /** Takes the stream from the backup at a frame it may start at; feed lock held. */
    private boolean takeOver(Frame frame) {
        if (!FailoverRules.takesOverAt(frame, tracks)) {
            return false;
        }
        supervisor.handOverFromBackup(this);
        live = true;
        supervisor.sink.onTracks(tracks);
        return true;
    }

    @Override
    public void onSourceTarget(long targetSeconds) {
        supervisor.sink.onSourceTarget(targetSeconds);
    }

    @Override
    public InputStats stats() {
        return stats;
    }

    @Override
    public SegmentSink segments() {
        return new Segments(supervisor.sink.segments());
    }

    /** Whole segments from a peer: the first one takes the stream from the backup (a segment starts at a keyframe). */
    private final class Segments implements SegmentSink {
        private final SegmentSink to;

        Segments(SegmentSink to) {
            this.to = to;
        }

        private void own() {
            supervisor.lastLiveNanos = supervisor.nanoClock.getAsLong();
            stats.frame(supervisor.lastLiveNanos);
            stats.state(InputStats.State.ACTIVE);
            if (!live) {
                supervisor.handOverFromBackup(Run.this);
                live = true;
            }
        }

        @Override
        public void onInit(int version, byte[] bytes) throws IOException {
            supervisor.feed.lock();
            try {
                own();
                to.onInit(version, bytes);
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public boolean onSegmentStarted(long number, long startDts, int initVersion, boolean discontinuity)
                throws SegmentOutOfBoundsException {
            supervisor.feed.lock();
            try {
                own();
                return to.onSegmentStarted(number, startDts, initVersion, discontinuity);
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public void onChunk(long number, byte[] chunk) throws SegmentOutOfBoundsException {
            supervisor.feed.lock();
            try {
                if (live) {
                    supervisor.lastLiveNanos = supervisor.nanoClock.getAsLong();
                    to.onChunk(number, chunk);
                }
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public void onSegmentClosed(long number, long duration) throws SegmentOutOfBoundsException {
            supervisor.feed.lock();
            try {
                if (live) {
                    to.onSegmentClosed(number, duration);
                }
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public void onSegmentAborted(long number) {
            supervisor.feed.lock();
            try {
                if (live) {
                    to.onSegmentAborted(number);
                }
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public void onInterrupted() {
            supervisor.feed.lock();
            try {
                if (live) {
                    to.onInterrupted();
                }
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public long nextWanted() {
            return to.nextWanted();
        }
    }
}
