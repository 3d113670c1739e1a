package io.cascade.auth;

import io.cascade.session.Session;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The GET an {@code on_play} backend is asked, with the reference product's parameters. */
final class BackendQuery {
    enum Type {
        NEW("new_session"), UPDATE("update_session");

        final String wire;

        Type(String wire) {
            this.wire = wire;
        }
    }

    private final StringBuilder out;
    private char separator;

    private BackendQuery(String url) {
        this.out = new StringBuilder(url);
        this.separator = url.indexOf('?') < 0 ? '?' : '&';
    }

    /**
     * @param streamClients this server's viewers of the session's stream
     * @param totalClients  this server's viewers of every stream
     */
    static URI of(String url, Session s, Type type, int requestNumber, int streamClients, int totalClients,
                  long nowMillis) {
        var r = s.request();
        return new BackendQuery(url)
                .add("name", r.stream())
                .add("proto", r.proto())
                .add("ip", r.ip())
                .add("token", r.token().orElse(""))
                .add("session_id", s.id())
                .add("request_type", type.wire)
                .add("request_number", Integer.toString(requestNumber))
                .add("stream_clients", Integer.toString(streamClients))
                .add("total_clients", Integer.toString(totalClients))
                .add("bytes", Long.toString(s.bytes()))
                .add("duration", Long.toString(Math.max(0, nowMillis - s.openedAt()) / 1000))
                .add("qs", r.queryString())
                .add("user_agent", r.userAgent())
                .add("referer", r.referer())
                .add("host", r.host())
                .uri();
    }

    private BackendQuery add(String name, String value) {
        out.append(separator).append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        separator = '&';
        return this;
    }

    private URI uri() {
        return URI.create(out.toString());
    }
}
