package io.cascade.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The source side of M4F on the HTTP port: {@code /cascade/m4f/v1/streams} (the stream list,
 * pushed) and {@code /cascade/m4f/v1/streams/NAME?from=N} (a stream's segments, pushed). Every
 * request must prove the cluster key; a server without one refuses them all.
 */
public final class M4fRoute implements Route {
    public static final String PREFIX = "/cascade/m4f/v1/streams";
    static final int PROTOCOL_VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(M4fRoute.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamRegistry registry;
    private final Optional<ClusterAuth> auth;
    private final StreamListFeed feed;

    public M4fRoute(StreamRegistry registry, Optional<ClusterAuth> auth, StreamListFeed feed) {
        this.registry = registry;
        this.auth = auth;
        this.feed = feed;
    }

    @Override
    public boolean handle(HttpExchange ex) throws Exception {
        String path = ex.path();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        if (!authorized(ex)) {
            return true;
        }
        if (path.equals(PREFIX)) {
            feed.subscribe(ex.startStreaming("application/x-ndjson"));
            return true;
        }
        String name = path.substring(PREFIX.length() + 1);
        Optional<LiveStream> found = registry.find(name);
        if (found.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no stream " + name);
            return true;
        }
        long from;
        try {
            from = Long.parseLong(ex.param("from").orElse("-1"));
        } catch (NumberFormatException e) {
            ex.sendError(HttpResponseStatus.BAD_REQUEST, "bad from");
            return true;
        }
        LiveStream stream = found.get();
        String peer = ex.client();
        stream.request(peer);
        log.info("M4F: {} pulls {} from segment {}", peer, name, from);
        var helloNode = JSON.createObjectNode().put("version", PROTOCOL_VERSION).put("stream", name)
                .put("static", stream.isStatic())
                .put("target_duration", stream.target().targetSeconds());
        // The source's recorded range, for transparent archive access; null until this server records.
        helloNode.putNull("dvr");
        String hello = JSON.writeValueAsString(helloNode);
        new SegmentPush(name, peer, stream.store(), ex.startStreaming("application/x-m4f"), from,
                () -> stream.request(peer)).start(hello);
        return true;
    }

    private boolean authorized(HttpExchange ex) {
        if (auth.isEmpty()) {
            log.warn("cluster request from {} refused: this server has no cluster_key", ex.client());
            ex.sendError(HttpResponseStatus.FORBIDDEN, "cluster requests are disabled on this server");
            return false;
        }
        Optional<String> refusal = auth.get().verify(ex.method().name(), ex.uri(),
                ex.header(ClusterAuth.TIME_HEADER), ex.header(ClusterAuth.NONCE_HEADER), ex.header(ClusterAuth.MAC_HEADER));
        if (refusal.isPresent()) {
            log.warn("cluster request from {} refused: {}", ex.client(), refusal.get());
            ex.sendError(HttpResponseStatus.FORBIDDEN, "cluster authentication failed: " + refusal.get());
            return false;
        }
        return true;
    }
}
