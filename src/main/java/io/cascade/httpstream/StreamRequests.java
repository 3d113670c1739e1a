package io.cascade.httpstream;

import io.cascade.http.HttpExchange;
import io.cascade.net.PeerText;
import io.cascade.media.Segment;
import io.cascade.stream.LiveStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stream lookup for HTTP routes. Playlist requests wait for the stream to have a segment (an on-demand stream has just been
 * started by them) without holding the event loop: the reply is sent when the segment is there.
 */
public final class StreamRequests {
    /** How long a first viewer of an on-demand stream waits before being told to come back. */
    public static final long READY_TIMEOUT_SECONDS = 20;

    /** Where work that takes milliseconds (muxing, cutting segments) runs instead of the event loop. */
    public static final Executor WORKERS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Logger log = LoggerFactory.getLogger(StreamRequests.class);

    private StreamRequests() {
    }

    /** Runs {@code work}, which answers {@code ex}, on {@link #WORKERS}; a failure answers 500. */
    public static void offload(HttpExchange ex, Runnable work) {
        WORKERS.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("{}: {}", PeerText.escape(ex.path()), e.toString());
                ex.sendError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
        });
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
        whenReady(ex, stream, reply, () -> { });
    }

    /** As above; {@code notReady} runs after the 503 (a connection's session ends with it). */
    public static void whenReady(HttpExchange ex, LiveStream stream, Consumer<HttpExchange> reply, Runnable notReady) {
        CompletableFuture<Segment> ready = stream.request(ex.client());
        if (ready.isDone()) {
            reply.accept(ex);
            return;
        }
        ready.copy().orTimeout(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((s, err) -> {
            if (err != null) {
                ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "stream " + stream.name() + " is not ready");
                notReady.run();
            } else {
                reply.accept(ex);
            }
        });
    }
}
