package io.cascade.session;

import java.util.Objects;
import java.util.Optional;

/**
 * What a protocol knows of a viewer asking to play, as the authorization backend is told it.
 *
 * @param stream      the stream name
 * @param proto       {@code hls}, {@code dash}, {@code rtmp}, {@code rtsp}, {@code tshttp}, ...
 * @param ip          the viewer's address
 * @param token       the {@code token} the viewer sent, if any
 * @param sessionId   the {@code session} id a playlist handed on to the viewer, if any
 * @param queryString the viewer's query string as it came, without the leading '?'
 * @param userAgent   its User-Agent (or RTMP flashVer), "" when none
 * @param referer     its Referer (or RTMP pageUrl), "" when none
 * @param host        the Host it asked (or RTMP tcUrl's host), "" when none
 * @param persistent  true when the viewer holds one connection for its whole session (RTMP,
 *                    RTSP, HTTP MPEG-TS): such a session ends when it closes, not when idle, and
 *                    every connection is a session of its own
 */
public record PlayRequest(String stream, String proto, String ip, Optional<String> token, Optional<String> sessionId,
                          String queryString, String userAgent, String referer, String host, boolean persistent) {
    /** Longest text kept of any field: a peer's strings are bounded where they enter. */
    public static final int MAX_TEXT = 1024;

    public PlayRequest {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(ip, "ip");
        token = token.filter(t -> !t.isEmpty()).map(PlayRequest::bounded);
        sessionId = sessionId.filter(t -> !t.isEmpty()).map(PlayRequest::bounded);
        queryString = bounded(queryString);
        userAgent = bounded(userAgent);
        referer = bounded(referer);
        host = bounded(host);
    }

    /** The key a viewer without a handed-on id is found by. */
    public SessionKey key() {
        return new SessionKey(stream, ip, proto, token.orElse(""));
    }

    private static String bounded(String s) {
        String text = s == null ? "" : s;
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
