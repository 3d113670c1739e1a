package io.cascade.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.auth.PlayGate;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.session.Session;
import io.cascade.session.SessionRecord;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;
import java.util.Optional;

/**
 * Viewer sessions, in the reference product's shape: {@code GET /streamer/api/v3/sessions}
 * ({@code ?name=STREAM}, {@code ?limit=N}, {@code ?cursor=C} to page), {@code GET} and
 * {@code DELETE /streamer/api/v3/sessions/ID} (DELETE cuts the viewer, whatever its protocol), and
 * {@code POST /streamer/api/v3/sessions/reauth?name=NAME}.
 */
public final class SessionApi implements Route {
    static final String PREFIX = "/streamer/api/v3/sessions";
    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final PlayGate gate;

    public SessionApi(PlayGate gate) {
        this.gate = gate;
    }

    /** DELETE closes a session; POST re-asks the backend. */
    @Override
    public boolean takesWrites() {
        return true;
    }

    @Override
    public boolean handle(HttpExchange ex) throws Exception {
        String path = ex.path();
        HttpMethod method = ex.method();
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            if (!read) {
                return notAllowed(ex);
            }
            list(ex);
            return true;
        }
        if (!path.startsWith(PREFIX + "/")) {
            return false;
        }
        String id = path.substring(PREFIX.length() + 1);
        if (id.equals("reauth") && method == HttpMethod.POST) {
            reauth(ex);
        } else if (read) {
            Optional<Session> s = gate.sessions().find(id).filter(x -> !x.isCut());
            if (s.isEmpty()) {
                ex.sendError(HttpResponseStatus.NOT_FOUND, "no session " + id);
            } else {
                send(ex, json(s.get().record()));
            }
        } else if (method == HttpMethod.DELETE) {
            if (!gate.sessions().cut(id)) {
                ex.sendError(HttpResponseStatus.NOT_FOUND, "no session " + id);
            } else {
                send(ex, F.objectNode().put("id", id).put("closed", true));
            }
        } else {
            return notAllowed(ex);
        }
        return true;
    }

    private static boolean notAllowed(HttpExchange ex) {
        ex.sendError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
        return true;
    }

    private void list(HttpExchange ex) throws Exception {
        Optional<String> name = ex.param("name");
        List<Session> all = gate.sessions().active(s -> name.isEmpty() || s.stream().equals(name.get()));
        int limit = number(ex.param("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        int from = number(ex.param("cursor"), 0, 0, Integer.MAX_VALUE);
        ObjectNode body = F.objectNode();
        ArrayNode list = body.putArray("sessions");
        int to = (int) Math.min(all.size(), (long) from + limit);
        for (int i = Math.min(from, all.size()); i < to; i++) {
            list.add(json(all.get(i).record()));
        }
        if (to < all.size()) {
            body.put("next", Integer.toString(to));
        } else {
            body.putNull("next");
        }
        body.put("estimated_count", all.size());
        send(ex, body);
    }

    private void reauth(HttpExchange ex) throws Exception {
        Optional<String> name = ex.param("name");
        if (name.isEmpty()) {
            ex.sendError(HttpResponseStatus.BAD_REQUEST, "reauth needs ?name=STREAM");
            return;
        }
        int n = gate.reauth(name.get());
        send(ex, F.objectNode().put("name", name.get()).put("sessions", n));
    }

    private static int number(Optional<String> text, int otherwise, int min, int max) {
        try {
            return text.map(t -> Math.clamp(Long.parseLong(t), min, max)).orElse(otherwise);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static ObjectNode json(SessionRecord r) {
        ObjectNode o = F.objectNode();
        o.put("id", r.id());
        o.put("name", r.stream());
        o.put("proto", r.proto());
        o.put("ip", r.ip());
        o.put("token", r.token().orElse(null));
        o.put("user_id", r.userId().orElse(null));
        o.put("server", r.server());
        o.put("opened_at", r.openedAt());
        o.put("updated_at", r.updatedAt());
        o.put("bytes", r.bytes());
        o.put("user_agent", r.userAgent());
        o.put("referer", r.referer());
        o.put("query_string", r.queryString());
        return o;
    }

    private static void send(HttpExchange ex, ObjectNode body) throws Exception {
        ex.sendBytes("application/json", JSON.writeValueAsBytes(body), "no-cache");
    }
}
