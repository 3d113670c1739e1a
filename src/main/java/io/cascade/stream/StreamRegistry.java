package io.cascade.stream;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The streams a server carries, by name, and the reaper that stops idle on-demand streams. */
public final class StreamRegistry implements AutoCloseable {
    private final Map<String, LiveStream> streams = new LinkedHashMap<>();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ondemand-reaper").factory());
    private final long idleNanos;

    public StreamRegistry(long idleTimeoutMillis) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        long period = Math.max(100, idleTimeoutMillis / 4);
        reaper.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    public synchronized void add(LiveStream stream) {
        if (streams.putIfAbsent(stream.name(), stream) != null) {
            throw new IllegalArgumentException("stream " + stream.name() + " exists already");
        }
        stream.boot();
    }

    /** Removes and stops a stream; its viewers get 404 from now on. */
    public synchronized Optional<LiveStream> remove(String name) {
        LiveStream s = streams.remove(name);
        if (s != null) {
            s.shutdown();
        }
        return Optional.ofNullable(s);
    }

    public synchronized Optional<LiveStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
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
    }
}
