package io.cascade.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.dvr.DvrInfo;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Optional;
import java.util.function.Function;

/** {@code GET /streamer/api/v3/streams} and {@code GET /streamer/api/v3/streams/NAME}. */
public final class StreamApi implements Route {
    private static final String PREFIX = "/streamer/api/v3/streams";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamRegistry registry;
    private final io.cascade.session.SessionRegistry sessions;
    private final Function<String, Optional<DvrInfo>> dvr;

    /**
     * @param sessions the viewers whose figures the streams' {@code stats} show
     * @param dvr      a recorded stream's archive figures, for {@code stats.dvr_info}
     */
    public StreamApi(StreamRegistry registry, io.cascade.session.SessionRegistry sessions,
                     Function<String, Optional<DvrInfo>> dvr) {
        this.registry = registry;
        this.sessions = sessions;
        this.dvr = dvr;
    }

    @Override
    public boolean handle(HttpExchange ex) throws Exception {
        String path = ex.path();
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            ObjectNode body = JSON.createObjectNode();
            var list = body.putArray("streams");
            registry.all().forEach(s -> list.add(StreamJson.of(s, sessions, dvr.apply(s.name()))));
            ex.sendBytes("application/json", JSON.writeValueAsBytes(body), "no-cache");
            return true;
        }
        if (!path.startsWith(PREFIX + "/")) {
            return false;
        }
        String name = path.substring(PREFIX.length() + 1);
        Optional<LiveStream> s = registry.find(name);
        if (s.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no stream " + name);
        } else {
            ex.sendBytes("application/json",
                    JSON.writeValueAsBytes(StreamJson.of(s.get(), sessions, dvr.apply(s.get().name()))), "no-cache");
        }
        return true;
    }
}
