package io.cascade.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.http.StreamingReply;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Source side of the stream list: every subscribed restreamer gets the list of this server's
 * streams as one JSON line when it connects and again whenever it changes (checked every
 * {@link #CHECK_MILLIS} ms, so a change arrives well within a second), and a ping line every
 * second so a dead source is noticed.
 */
public final class StreamListFeed implements AutoCloseable {
    static final long CHECK_MILLIS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PING = "{\"type\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8);

    private final StreamRegistry registry;
    private final List<StreamingReply> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("stream-list-feed").factory());
    private volatile byte[] current;
    private int ticks;

    public StreamListFeed(StreamRegistry registry) {
        this.registry = registry;
        this.current = render();
        timer.scheduleWithFixedDelay(this::tick, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void subscribe(StreamingReply reply) {
        subscribers.add(reply);
        reply.onClose(() -> subscribers.remove(reply));
        reply.write(Unpooled.wrappedBuffer(current));
    }

    private void tick() {
        byte[] now = render();
        boolean changed = !java.util.Arrays.equals(now, current);
        current = now;
        boolean ping = ++ticks % (1000 / CHECK_MILLIS) == 0;
        for (StreamingReply r : subscribers) {
            if (r.pendingBytes() > SegmentPush.MAX_PENDING) {
                r.abort();
            } else if (changed) {
                r.write(Unpooled.wrappedBuffer(now));
            } else if (ping) {
                r.write(Unpooled.wrappedBuffer(PING));
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
            byte[] line = JSON.writeValueAsBytes(root);
            byte[] out = java.util.Arrays.copyOf(line, line.length + 1);
            out[line.length] = '\n';
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        subscribers.forEach(StreamingReply::end);
    }
}
