package io.cascade.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.http.StreamingReply;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Source side of the stream list: every subscribed restreamer gets the list of this server's
 * streams as one {@code L} message when it connects and again whenever it changes (checked every
 * {@link #CHECK_MILLIS} ms, so a change arrives well within a second), and a ping every second
 * so a dead source is noticed.
 */
public final class StreamListFeed implements AutoCloseable {
    static final long CHECK_MILLIS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamRegistry registry;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("stream-list-feed").factory());
    private volatile byte[] current;
    private int ticks;

    public StreamListFeed(StreamRegistry registry) {
        this.registry = registry;
        this.current = render();
        timer.scheduleWithFixedDelay(this::tick, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One restreamer's list connection; its messages carry MACs of its own session. */
    private record Subscriber(StreamingReply reply, M4fEncoder encoder) {
        /** Encodes and writes under one lock, so the MACs count the messages in their order. */
        synchronized void send(M4fMessage m) {
            reply.write(encoder.encode(m));
        }
    }

    void subscribe(StreamingReply reply, M4fEncoder encoder, M4fMessage hello) {
        Subscriber s = new Subscriber(reply, encoder);
        // Under the subscriber's lock, so that a change found meanwhile goes after the hello.
        synchronized (s) {
            subscribers.add(s);
            s.send(hello);
            s.send(M4fMessage.streamList(current));
        }
        reply.onClose(() -> subscribers.remove(s));
    }

    private void tick() {
        byte[] now = render();
        boolean changed = !java.util.Arrays.equals(now, current);
        current = now;
        boolean ping = ++ticks % (1000 / CHECK_MILLIS) == 0;
        for (Subscriber s : subscribers) {
            if (s.reply().pendingBytes() > SegmentPush.MAX_PENDING) {
                s.reply().abort();
            } else if (changed) {
                s.send(M4fMessage.streamList(now));
            } else if (ping) {
                s.send(M4fMessage.ping());
            }
        }
    }

    private byte[] render() {
        ObjectNode root = JSON.createObjectNode().put("type", "streams");
        ArrayNode list = root.putArray("streams");
        for (LiveStream s : registry.all()) {
            list.addObject().put("name", s.name()).put("static", s.isStatic()).put("alive", s.isAlive());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        subscribers.forEach(s -> s.reply().end());
    }
}
