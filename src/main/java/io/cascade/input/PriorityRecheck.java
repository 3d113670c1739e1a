package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.List;

/**
 * While a lower-priority input feeds the stream, the preferred pulled inputs are run in the
 * background with a sink that keeps nothing; the first to deliver a frame the stream may start
 * at (a video keyframe) makes the supervisor go back to it. One re-check at a time, each bounded
 * by that input's source_timeout, with a pause between rounds.
 */
final class PriorityRecheck {
    /** Between two rounds of re-checks. */
    static final long PAUSE_MS = 1_000;

    private final InputSupervisor supervisor;
    private Thread thread;

    PriorityRecheck(InputSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** Called by the watchdog: starts a round when a lower input is in use and none runs. */
    synchronized void check(Run current, List<ConfiguredInput> byPriority, Thread loopThread) {
        if (thread != null && thread.isAlive()) {
            return;
        }
        if (current == null || current.index >= byPriority.size() || byPriority.get(current.index) != current.in) {
            return;
        }
        List<ConfiguredInput> preferred = FailoverRules.recheckable(byPriority, current.index);
        if (preferred.isEmpty()) {
            return;
        }
        thread = Thread.ofVirtual().name("input-recheck-" + supervisor.streamName())
                .start(() -> round(current, preferred, loopThread));
    }

    synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void round(Run current, List<ConfiguredInput> preferred, Thread loopThread) {
        try {
            for (ConfiguredInput in : preferred) {
                if (supervisor.currentRun() != current || !supervisor.stillRunning(loopThread)) {
                    return;
                }
                if (delivers(in)) {
                    if (supervisor.currentRun() == current) {
                        supervisor.preempt(in, loopThread);
                    }
                    return;
                }
            }
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            // the stream stopped
        }
    }

    /** Runs {@code in} until it delivers a frame to start at (true), fails or times out (false). */
    private boolean delivers(ConfiguredInput in) throws InterruptedException {
        InputStats stats = supervisor.stats(in.input().url());
        Probe probe = new Probe(stats, supervisor.nanoClock);
        stats.state(InputStats.State.PROBING);
        Thread t = Thread.ofVirtual().name("input-probe-" + supervisor.streamName()).start(() -> {
            try {
                in.input().run(probe);
            } catch (Throwable e) {
                if (!probe.ready) {
                    stats.failed(e.toString());
                }
            }
        });
        try {
            if (!t.join(in.options().sourceTimeout())) {
                t.interrupt();
                t.join(java.time.Duration.ofSeconds(5));
            }
        } finally {
            t.interrupt();
        }
        if (!probe.ready && stats.state() == InputStats.State.PROBING) {
            stats.state(InputStats.State.IDLE);
        }
        return probe.ready;
    }

    /** Thrown into a re-checked input once it has shown it delivers. */
    private static final class Ready extends RuntimeException {
        Ready() {
            super("the input delivers", null, false, false);
        }
    }

    /** Keeps nothing but whether the input delivered a frame to start at. */
    private static final class Probe implements MediaSink {
        private final InputStats stats;
        private final java.util.function.LongSupplier clock;
        private List<Track> tracks = List.of();
        volatile boolean ready;

        Probe(InputStats stats, java.util.function.LongSupplier clock) {
            this.stats = stats;
            this.clock = clock;
        }

        @Override
        public void onTracks(List<Track> t) {
            tracks = List.copyOf(t);
        }

        @Override
        public void onFrame(Frame frame) {
            stats.frame(clock.getAsLong());
            if (FailoverRules.takesOverAt(frame, tracks)) {
                ready = true;
                throw new Ready();
            }
        }

        @Override
        public InputStats stats() {
            return stats;
        }

        @Override
        public SegmentSink segments() {
            throw new UnsupportedOperationException("only pulled inputs of frames are re-checked");
        }
    }
}
