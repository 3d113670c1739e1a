package io.cascade.http;

import io.cascade.media.Segment;
import io.cascade.stream.LiveStream;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Playlist requests wait for the stream to have a segment (an on-demand stream has just been
 * started by them) without holding the event loop: the reply is sent when the segment is there.
 */
public final class StreamRequests {
    /** How long a first viewer of an on-demand stream waits before being told to come back. */
    public static final long READY_TIMEOUT_SECONDS = 20;

    private StreamRequests() {
    }

    /** The stream a URL names, or empty after answering 404 for the viewer. */
    public static java.util.Optional<LiveStream> find(HttpExchange ex, io.cascade.stream.StreamRegistry registry, String name) {
        java.util.Optional<LiveStream> found = registry.find(name);
        if (found.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no stream " + name);
        }
        return found;
    }

    /** Runs {@code reply} once {@code stream} has a segment, or answers 503 when it does not come in time. */
    public static void whenReady(HttpExchange ex, LiveStream stream, Consumer<HttpExchange> reply) {
        CompletableFuture<Segment> ready = stream.request(ex.client());
        if (ready.isDone()) {
            reply.accept(ex);
            return;
        }
        ready.copy().orTimeout(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((s, err) -> {
            if (err != null) {
                ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "stream " + stream.name() + " is not ready");
            } else {
                reply.accept(ex);
            }
        });
    }
}
