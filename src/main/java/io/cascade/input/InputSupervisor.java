package io.cascade.input;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a stream's inputs on a virtual thread: the first input first, the next one in config
 * order when it ends or fails, and back around, with a growing pause between failures so a
 * broken input cannot spin. A failure ends only this input's run, never the server: whatever an
 * input throws, {@link Error}s such as {@link OutOfMemoryError} included, is logged and the input
 * is started again, so a stream never stays without a running input while it should have one.
 */
public final class InputSupervisor {
    private static final Logger log = LoggerFactory.getLogger(InputSupervisor.class);
    /** How long a new run waits for the one stopped before it to finish. */
    private static final long STOP_WAIT_MS = 10_000;
    private static final long MIN_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** An input that ran this long counts as healthy: the next failure starts the backoff again. */
    private static final long HEALTHY_MS = 10_000;

    private final String streamName;
    private volatile List<Input> inputs;
    private final MediaSink sink;
    private final Consumer<Input> onSwitch;
    private volatile Thread thread;
    /** The run started last, still running or finishing; guarded by this. */
    private Thread last;
    private volatile Input active;

    /**
     * @param onSwitch told before each input starts (with it) and after it stops (with null),
     *                 so the stream can mark a discontinuity
     */
    public InputSupervisor(String streamName, List<Input> inputs, MediaSink sink, Consumer<Input> onSwitch) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("stream " + streamName + " has no inputs");
        }
        this.streamName = streamName;
        this.inputs = List.copyOf(inputs);
        this.sink = sink;
        this.onSwitch = onSwitch;
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
            if (!before.join(java.time.Duration.ofMillis(STOP_WAIT_MS))) {
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

    /** The input now delivering, or null between inputs. */
    public Input active() {
        return active;
    }

    /** Replaces the inputs (a cluster source appeared or went); the running one goes on. */
    public void setInputs(List<Input> newInputs) {
        if (newInputs.isEmpty()) {
            throw new IllegalArgumentException("stream " + streamName + " has no inputs");
        }
        inputs = List.copyOf(newInputs);
    }

    private enum Outcome { ENDED, FAILED, STOPPED }

    /**
     * Failures move to the next input at once (that is failover) and then pause ever longer
     * while every input fails; an input that ends by itself (a preferred source is back) sends
     * the supervisor back to the first input without a pause.
     */
    private void loop() {
        int index = 0;
        int failuresInRow = 0;
        long backoff = MIN_BACKOFF_MS;
        while (thread == Thread.currentThread()) {
            List<Input> current = inputs;
            index %= current.size();
            Input input = current.get(index);
            long started = System.currentTimeMillis();
            Outcome outcome = runOne(input);
            if (outcome == Outcome.STOPPED) {
                return;
            }
            if (System.currentTimeMillis() - started > HEALTHY_MS) {
                backoff = MIN_BACKOFF_MS;
                failuresInRow = 0;
            }
            if (outcome == Outcome.ENDED) {
                index = 0;
                if (System.currentTimeMillis() - started < MIN_BACKOFF_MS && !pause(MIN_BACKOFF_MS)) {
                    return;
                }
                continue;
            }
            failuresInRow++;
            // The list may have changed meanwhile (cluster sources): wrap on use, not here.
            index++;
            if (failuresInRow >= inputs.size()) {
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Runs one input to its end. */
    private Outcome runOne(Input input) {
        active = input;
        switched(input);
        try {
            input.run(sink);
            log.info("stream {}: input {} ended", streamName, input.url());
            return Outcome.ENDED;
        } catch (InterruptedException e) {
            return Outcome.STOPPED;
        } catch (Throwable e) {
            if (Thread.currentThread().isInterrupted() || thread != Thread.currentThread()) {
                return Outcome.STOPPED;
            }
            if (e instanceof Error) {
                log.error("stream {}: input {} died, restarting it: {}", streamName, input.url(), e.toString());
            } else {
                log.warn("stream {}: input {} failed: {}", streamName, input.url(), e.toString());
            }
            return Outcome.FAILED;
        } finally {
            active = null;
            switched(null);
        }
    }

    /** Tells the stream; what it throws must not end the supervisor's thread either. */
    private void switched(Input input) {
        try {
            onSwitch.accept(input);
        } catch (Throwable e) {
            log.error("stream {}: switching inputs failed: {}", streamName, e.toString());
        }
    }
}
