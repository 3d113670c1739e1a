package io.cascade.input;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs a stream's inputs on a virtual thread: the preferred input first (by {@code priority},
 * then config order), the next one when it ends, fails or (a pulled input) sends no frame for its
 * {@code source_timeout}, and back around, with a growing pause between failures so a broken
 * input cannot spin. While a lower input is in use, the preferred pulled ones are re-checked in
 * the background ({@link PriorityRecheck}) and one that delivers a keyframe takes the stream
 * back. When no input has delivered a frame for the backup timeout, the stream's backup file
 * plays ({@link BackupPlayer}) until an input delivers a keyframe again.
 *
 * <p>A failure ends only this input's run, never the server: whatever an input throws,
 * {@link Error}s such as {@link OutOfMemoryError} included, is logged (once per kind of failure in
 * a row) and the input is started again, so a stream never stays without a running input while
 * it should have one.
 */
public final class InputSupervisor {
    private static final Logger log = LoggerFactory.getLogger(InputSupervisor.class);
    /** How long a new run waits for the one stopped before it to finish. */
    private static final long STOP_WAIT_MS = 10_000;
    private static final long MIN_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** An input that ran this long counts as healthy: the next failure starts the backoff again. */
    private static final long HEALTHY_MS = 10_000;
    /** How often timeouts, the backup and the re-checks are looked at. */
    static final long WATCH_MS = 200;

    private final String streamName;
    private volatile List<ConfiguredInput> inputs;
    final MediaSink sink;
    private final Consumer<Input> onSwitch;
    final LongSupplier nanoClock;
    private final Map<String, InputStats> stats = new ConcurrentHashMap<>();
    /** Feeding the stream and handing it from one feeder to another happen under this lock. */
    final ReentrantLock feed = new ReentrantLock();
    private volatile Thread thread;
    /** The run started last, still running or finishing; guarded by this. */
    private Thread last;
    private volatile Run run;
    private volatile Input active;
    private volatile BackupPlayer backup;
    private final PriorityRecheck recheck = new PriorityRecheck(this);
    /** When any input last fed the stream (or the supervisor started). */
    volatile long lastLiveNanos;
    /** Set with an interrupt of the loop's thread: the run must end for this reason. */
    private volatile ConfiguredInput preemptBy;
    private volatile boolean timedOut;

    /**
     * @param onSwitch told before each input starts (with it) and after it stops (with null),
     *                 so the stream can mark a discontinuity
     */
    public InputSupervisor(String streamName, List<Input> inputs, MediaSink sink, Consumer<Input> onSwitch) {
        this(streamName, withDefaults(inputs), sink, onSwitch, System::nanoTime);
    }

    /** As above with each input's options; {@code nanoClock} is {@link System#nanoTime} but in tests. */
    public InputSupervisor(String streamName, List<ConfiguredInput> inputs, MediaSink sink, Consumer<Input> onSwitch,
                           LongSupplier nanoClock) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("stream " + streamName + " has no inputs");
        }
        this.streamName = streamName;
        this.inputs = FailoverRules.byPriority(inputs);
        this.sink = sink;
        this.onSwitch = onSwitch;
        this.nanoClock = nanoClock;
    }

    static List<ConfiguredInput> withDefaults(List<Input> inputs) {
        List<ConfiguredInput> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(new ConfiguredInput(inputs.get(i), InputOptions.defaults(i + 1)));
        }
        return out;
    }

    /**
     * The file played while every input is down, after {@code timeout} without a frame; null
     * for none. Takes effect at the next start.
     */
    public void setBackup(Input file, Duration timeout) {
        this.backup = file == null ? null : new BackupPlayer(this, file, timeout);
    }

    public synchronized void start() {
        if (thread == null) {
            Thread before = last;
            Thread t = Thread.ofVirtual().name("input-" + streamName).unstarted(() -> {
                awaitEnd(before);
                loop();
            });
            thread = t;
            last = t;
            t.start();
        }
    }

    /**
     * A run stopped just before (an on-demand stream that went idle and is asked for again) may
     * still be finishing its input and telling the stream so: the new run starts after it, never
     * beside it, so the two never feed or close the stream's segments at once.
     */
    private void awaitEnd(Thread before) {
        if (before == null) {
            return;
        }
        try {
            if (!before.join(Duration.ofMillis(STOP_WAIT_MS))) {
                log.warn("stream {}: the previous input run has not ended after {} ms; starting anyway",
                        streamName, STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    /** The input now delivering (the backup while it plays), or null between inputs. */
    public Input active() {
        BackupPlayer b = backup;
        if (b != null && b.playing()) {
            return b.file();
        }
        Run r = run;
        return r != null && r.live ? r.in.input() : active;
    }

    /** True while the backup file plays because every input is down. */
    public boolean playingBackup() {
        BackupPlayer b = backup;
        return b != null && b.playing();
    }

    /** The backup input, null when the stream has none. */
    public Input backupInput() {
        BackupPlayer b = backup;
        return b == null ? null : b.file();
    }

    /** The inputs in the order they are preferred. */
    public List<ConfiguredInput> inputs() {
        return inputs;
    }

    /** What the input with this URL has done so far (a fresh record for one never run). */
    public InputStats stats(String url) {
        return stats.computeIfAbsent(url, u -> new InputStats());
    }

    /** Replaces the inputs (a cluster source appeared or went); the running one goes on. */
    public void setInputs(List<Input> newInputs) {
        setConfiguredInputs(withDefaults(newInputs));
    }

    public void setConfiguredInputs(List<ConfiguredInput> newInputs) {
        if (newInputs.isEmpty()) {
            throw new IllegalArgumentException("stream " + streamName + " has no inputs");
        }
        inputs = FailoverRules.byPriority(newInputs);
    }

    String streamName() {
        return streamName;
    }

    boolean stillRunning(Thread t) {
        return thread == t;
    }

    /** The run now in progress, null between runs. */
    Run currentRun() {
        return run;
    }

    /** A re-checked input delivers: the run in progress ends and that input runs next. */
    void preempt(ConfiguredInput by, Thread loopThread) {
        preemptBy = by;
        loopThread.interrupt();
    }

    private enum Outcome { ENDED, FAILED, STOPPED, PREEMPTED }

    /**
     * Failures move to the next input at once (that is failover) and then pause ever longer
     * while every input fails; an input that ends by itself (a preferred source is back) sends
     * the supervisor back to the first input without a pause.
     */
    private void loop() {
        Thread self = Thread.currentThread();
        lastLiveNanos = nanoClock.getAsLong();
        Thread watchdog = Thread.ofVirtual().name("input-watch-" + streamName).start(() -> watch(self));
        try {
            runInputs(self);
        } finally {
            watchdog.interrupt();
            recheck.stop();
            BackupPlayer b = backup;
            if (b != null) {
                b.stop();
            }
        }
    }

    private void runInputs(Thread self) {
        int index = 0;
        int failuresInRow = 0;
        long backoff = MIN_BACKOFF_MS;
        while (thread == self) {
            List<ConfiguredInput> current = inputs;
            index %= current.size();
            ConfiguredInput input = current.get(index);
            long started = System.currentTimeMillis();
            Outcome outcome = runOne(input, index);
            if (outcome == Outcome.STOPPED) {
                return;
            }
            if (outcome == Outcome.PREEMPTED) {
                index = Math.max(0, inputs.indexOf(preemptBy));
                preemptBy = null;
                failuresInRow = 0;
                backoff = MIN_BACKOFF_MS;
                continue;
            }
            if (System.currentTimeMillis() - started > HEALTHY_MS) {
                backoff = MIN_BACKOFF_MS;
                failuresInRow = 0;
            }
            if (outcome == Outcome.ENDED) {
                index = 0;
                if (System.currentTimeMillis() - started < MIN_BACKOFF_MS && !pause(MIN_BACKOFF_MS, self)) {
                    return;
                }
                continue;
            }
            failuresInRow++;
            // The list may have changed meanwhile (cluster sources): wrap on use, not here.
            index++;
            if (failuresInRow >= inputs.size()) {
                if (!pause(backoff, self)) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** Sleeps; false when the supervisor was stopped meanwhile. A stray timeout interrupt only ends the pause. */
    private boolean pause(long millis, Thread self) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // stopped, or a timeout or re-check that came as the run ended: the loop decides
        }
        return thread == self;
    }

    /** Runs one input to its end. */
    private Outcome runOne(ConfiguredInput in, int index) {
        Thread.interrupted(); // a timeout or re-check aimed at the run before
        timedOut = false;
        preemptBy = null;
        Input input = in.input();
        InputStats st = stats(input.url());
        Run r = new Run(this, in, index, st, nanoClock.getAsLong());
        run = r;
        active = input;
        st.state(InputStats.State.CONNECTING);
        r.begin();
        try {
            input.run(r);
            log.info("stream {}: input {} ended", streamName, input.url());
            st.state(InputStats.State.IDLE);
            return Outcome.ENDED;
        } catch (Throwable e) {
            return failed(r, e);
        } finally {
            run = null;
            active = null;
            r.end();
            if (st.state() != InputStats.State.FAILED) {
                st.state(InputStats.State.IDLE);
            }
        }
    }

    private Outcome failed(Run r, Throwable e) {
        Input input = r.in.input();
        if (thread != Thread.currentThread()) {
            return Outcome.STOPPED;
        }
        if (preemptBy != null) {
            log.info("stream {}: input {} is back; leaving {} for it", streamName, preemptBy.input().url(), input.url());
            return Outcome.PREEMPTED;
        }
        String reason;
        if (timedOut) {
            reason = "no frames for " + r.in.options().sourceTimeout().toSeconds() + " s (source_timeout)";
        } else if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            return Outcome.STOPPED;
        } else {
            // A format error says all in its message; for others the exception's kind matters too
            reason = e instanceof InputFormatException && e.getMessage() != null ? e.getMessage() : e.toString();
        }
        boolean repeated = reason.equals(r.stats.lastError()) && r.stats.frames() == r.framesAtStart;
        r.stats.failed(reason);
        if (repeated) {
            log.debug("stream {}: input {} failed again: {}", streamName, input.url(), reason);
        } else if (e instanceof Error) {
            log.error("stream {}: input {} died, restarting it: {}", streamName, input.url(), reason);
        } else {
            log.warn("stream {}: input {} failed: {}", streamName, input.url(), reason);
        }
        return Outcome.FAILED;
    }

    /** Times out a silent pulled input, starts the backup, and keeps the re-checks going. */
    private void watch(Thread loopThread) {
        while (thread == loopThread) {
            try {
                Thread.sleep(WATCH_MS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                watchOnce(loopThread);
            } catch (RuntimeException e) {
                // the watch must go on, or timeouts, re-checks and the backup would stop for good
                log.error("stream {}: checking its inputs failed: {}", streamName, e.toString());
            }
        }
    }

    private void watchOnce(Thread loopThread) {
        long now = nanoClock.getAsLong();
        Run r = run;
        if (r != null && !timedOut && preemptBy == null
                && FailoverRules.timedOut(r.in, r.startNanos, r.stats.lastFrameNanos(), now)) {
            timedOut = true;
            loopThread.interrupt();
        }
        BackupPlayer b = backup;
        if (b != null) {
            b.check(now);
        }
        recheck.check(r, inputs, loopThread);
    }

    /** Tells the stream; what it throws must not end the supervisor's thread either. */
    void switched(Input input) {
        try {
            onSwitch.accept(input);
        } catch (Throwable e) {
            log.error("stream {}: switching inputs failed: {}", streamName, e.toString());
        }
    }

    /**
     * The input of {@code r} takes the stream from the backup: the backup's part ends, the
     * input's begins. Called with {@link #feed} held.
     */
    void handOverFromBackup(Run r) {
        BackupPlayer b = backup;
        if (b != null && b.playing()) {
            b.release();
            log.info("stream {}: input {} is back; the backup stops", streamName, r.in.input().url());
        }
        switched(r.in.input());
    }

    /** True while the backup owns the stream; read with {@link #feed} held. */
    boolean backupOwnsStream() {
        BackupPlayer b = backup;
        return b != null && b.playing();
    }
}
