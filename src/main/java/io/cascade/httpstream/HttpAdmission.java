package io.cascade.httpstream;

import io.cascade.auth.Admission;
import io.cascade.auth.PlayGate;
import io.cascade.http.HttpExchange;
import io.cascade.session.PlayRequest;
import io.cascade.session.Session;
import io.cascade.stream.LiveStream;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Admission of an HTTP viewer through the {@link PlayGate}: a refusal answers its status (403,
 * 404), a grant runs the reply with the viewer's session. Session data rides only in query
 * strings: {@link #handOn} is what a playlist appends to the URIs it lists, so the player's next
 * requests find the same session while every viewer fetches the same segment paths.
 */
public final class HttpAdmission {
    /** The query parameter a playlist hands the session id on in, when the viewer sent no token. */
    public static final String SESSION_PARAM = "session";
    public static final String TOKEN_PARAM = "token";

    private HttpAdmission() {
    }

    /** Asks the gate whether the viewer of {@code ex} may play {@code stream} over {@code proto}. */
    public static void admit(HttpExchange ex, PlayGate gate, String stream, String proto, Consumer<Session> reply) {
        admit(ex, gate, request(ex, stream, proto, false), reply);
    }

    /**
     * As {@link #admit}, for a response that is the viewer's whole session (HTTP MPEG-TS,
     * {@code tshttp}): the session is that response's own, and the caller ends it with
     * {@link PlayGate#closed} when the response ends, and closes the response on {@link Session#onCut}.
     */
    public static void admitConnection(HttpExchange ex, PlayGate gate, String stream, String proto,
                                       Consumer<Session> reply) {
        admit(ex, gate, request(ex, stream, proto, true), reply);
    }

    private static void admit(HttpExchange ex, PlayGate gate, PlayRequest request, Consumer<Session> reply) {
        gate.admit(request).whenComplete((a, err) -> {
            if (err != null) {
                ex.sendError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "authorization failed");
            } else if (a instanceof Admission.Refused r) {
                ex.sendError(HttpResponseStatus.valueOf(r.status()), r.reason());
            } else if (a instanceof Admission.Granted g) {
                reply.accept(g.session());
            }
        });
    }

    static PlayRequest request(HttpExchange ex, String stream, String proto, boolean persistent) {
        String uri = ex.uri();
        int q = uri.indexOf('?');
        return new PlayRequest(stream, proto, ex.client(), ex.param(TOKEN_PARAM), ex.param(SESSION_PARAM),
                q < 0 ? "" : uri.substring(q + 1), header(ex, "User-Agent"), header(ex, "Referer"),
                header(ex, "Host"), persistent);
    }

    private static String header(HttpExchange ex, String name) {
        return Optional.ofNullable(ex.header(name)).orElse("");
    }

    /**
     * The query a playlist of this session appends to the URIs it lists, if any: the viewer's
     * token when it sent one (the session is found by it); else, on a stream with {@code on_play},
     * the session's id. A stream without {@code on_play} finds a tokenless viewer by address, so its
     * playlists stay the same for every such viewer (cacheable, the same on every server).
     * URL-encoded, so it is safe in a playlist line and in an XML attribute.
     */
    public static Optional<String> handOn(Session s, LiveStream stream) {
        Optional<String> token = s.request().token();
        if (token.isPresent()) {
            return Optional.of(TOKEN_PARAM + "=" + URLEncoder.encode(token.get(), StandardCharsets.UTF_8));
        }
        return stream.config().onPlay().isPresent()
                ? Optional.of(SESSION_PARAM + "=" + URLEncoder.encode(s.id(), StandardCharsets.UTF_8))
                : Optional.empty();
    }
}
