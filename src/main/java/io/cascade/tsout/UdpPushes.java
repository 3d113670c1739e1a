package io.cascade.tsout;

import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The UDP pushes of a server's streams: each on a virtual thread of its own, for as long as its
 * stream is carried. A push is a permanent client of its stream: it tells the stream so every
 * second, so an on-demand stream that is pushed keeps running.
 */
public final class UdpPushes implements AutoCloseable {
    private static final long KEEP_ALIVE_MILLIS = 1_000;

    private final StreamRegistry registry;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public UdpPushes(StreamRegistry registry) {
        this.registry = registry;
    }

    /** Starts every push of {@code stream}'s config; nothing when it has none. */
    public synchronized void start(LiveStream stream) {
        if (closed || stream.config().pushes().isEmpty()) {
            return;
        }
        List<UdpPush> pushes = stream.config().pushes().stream()
                .map(p -> new UdpPush(stream, p, () -> carries(stream), DatagramPacer.SYSTEM)).toList();
        for (UdpPush push : pushes) {
            threads.add(Thread.ofVirtual().name("push " + stream.name()).start(push));
        }
        threads.add(Thread.ofVirtual().name("push clients " + stream.name()).start(() -> keepAlive(stream, pushes)));
    }

    private boolean carries(LiveStream stream) {
        return !closed && registry.find(stream.name()).orElse(null) == stream;
    }

    private void keepAlive(LiveStream stream, List<UdpPush> pushes) {
        while (carries(stream)) {
            pushes.forEach(p -> stream.request(p.client()));
            try {
                Thread.sleep(KEEP_ALIVE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        threads.clear();
    }
}
