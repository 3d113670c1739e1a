package io.cascade.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The streams a server carries, by name, the reaper that stops idle on-demand streams, and each
 * stream's meters in the server's {@link MeterRegistry}.
 */
public final class StreamRegistry implements AutoCloseable {
    /** Counts input runs cut for feeding a stream more than {@code max_bitrate}, tagged by stream. */
    public static final String INPUTS_CUT = "cascade.stream.inputs.cut";

    private final Map<String, LiveStream> streams = new LinkedHashMap<>();
    private final Map<String, Meter> meters = new LinkedHashMap<>();
    /** Counts what a stream's inputs found broken (MPEG-TS continuity skips), tagged by stream. */
    public static final String INPUT_ERRORS = "cascade.stream.input.errors";
    private final Map<String, Meter> inputErrorMeters = new LinkedHashMap<>();
    private final MeterRegistry meterRegistry;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ondemand-reaper").factory());
    private final long idleNanos;

    public StreamRegistry(long idleTimeoutMillis) {
        this(idleTimeoutMillis, new SimpleMeterRegistry());
    }

    public StreamRegistry(long idleTimeoutMillis, MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        long period = Math.max(100, idleTimeoutMillis / 4);
        reaper.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    public synchronized void add(LiveStream stream) {
        if (streams.putIfAbsent(stream.name(), stream) != null) {
            throw new IllegalArgumentException("stream " + stream.name() + " exists already");
        }
        meters.put(stream.name(), FunctionCounter.builder(INPUTS_CUT, stream, LiveStream::inputsCutForBitrate)
                .tag("stream", stream.name()).tag("reason", "max_bitrate")
                .description("input runs cut for feeding the stream more than max_bitrate")
                .register(meterRegistry));
        inputErrorMeters.put(stream.name(), FunctionCounter.builder(INPUT_ERRORS, stream, LiveStream::inputErrors)
                .tag("stream", stream.name()).description("packets the stream's inputs lost (continuity counter skips)")
                .register(meterRegistry));
        stream.boot();
    }

    /** Removes and stops a stream; its viewers get 404 from now on. */
    public synchronized Optional<LiveStream> remove(String name) {
        LiveStream s = streams.remove(name);
        Meter m = meters.remove(name);
        if (m != null) {
            meterRegistry.remove(m);
        }
        Meter errors = inputErrorMeters.remove(name);
        if (errors != null) {
            meterRegistry.remove(errors);
        }
        if (s != null) {
            s.shutdown();
        }
        return Optional.ofNullable(s);
    }

    public synchronized Optional<LiveStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    /** The registry the streams' meters are in. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    public synchronized List<LiveStream> all() {
        return List.copyOf(streams.values());
    }

    private void reap() {
        for (LiveStream s : all()) {
            s.stopIfIdle(idleNanos);
        }
    }

    @Override
    public synchronized void close() {
        reaper.shutdownNow();
        Collection<LiveStream> all = streams.values();
        all.forEach(LiveStream::shutdown);
        meters.values().forEach(meterRegistry::remove);
        meters.clear();
    }
}
