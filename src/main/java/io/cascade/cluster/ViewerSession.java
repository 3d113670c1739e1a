package io.cascade.cluster;

import java.util.Objects;

/**
 * One viewer's session as the cluster reports it upstream, in the fields of the sessions API.
 *
 * @param id          the session id, unique on the server it watches on
 * @param name        the stream watched
 * @param proto       the protocol: hls, dash, rtmp, …
 * @param ip          the viewer's address
 * @param token       the viewer's token, empty when none
 * @param userId      the authorization backend's {@code X-UserId}, empty when none
 * @param maxSessions the backend's {@code X-Max-Sessions} for that user, 0 for no limit
 * @param openedAt    when it opened, ms since the Unix epoch
 * @param updatedAt   when it last moved, ms since the Unix epoch
 * @param bytes       bytes sent to the viewer so far
 * @param userAgent   the viewer's User-Agent, empty when none
 * @param referer     the viewer's Referer, empty when none
 * @param queryString the query string of the viewer's request, empty when none
 * @param server      the server the viewer watches on (filled by the reporting server for its own)
 */
public record ViewerSession(String id, String name, String proto, String ip, String token, String userId,
                            int maxSessions, long openedAt, long updatedAt, long bytes, String userAgent,
                            String referer, String queryString, String server) {
    public ViewerSession {
        Objects.requireNonNull(id, "id");
        name = orEmpty(name);
        proto = orEmpty(proto);
        ip = orEmpty(ip);
        token = orEmpty(token);
        userId = orEmpty(userId);
        userAgent = orEmpty(userAgent);
        referer = orEmpty(referer);
        queryString = orEmpty(queryString);
        server = orEmpty(server);
        maxSessions = Math.max(0, maxSessions);
        openedAt = Math.max(0, openedAt);
        updatedAt = Math.max(openedAt, updatedAt);
        bytes = Math.max(0, bytes);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Who this session is across the cluster: ids are unique per server only. */
    public SessionKey key() {
        return new SessionKey(server, id);
    }

    public ViewerSession onServer(String s) {
        return new ViewerSession(id, name, proto, ip, token, userId, maxSessions, openedAt, updatedAt, bytes,
                userAgent, referer, queryString, s);
    }

    public ViewerSession withBytes(long b, long at) {
        return new ViewerSession(id, name, proto, ip, token, userId, maxSessions, openedAt, at, b,
                userAgent, referer, queryString, server);
    }
}
