package io.cascade.rtspinput;

import io.cascade.rtsp.RtspCredentials;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An {@code rtsp://[user:pass@]host[:port]/path} input URL: where to connect, what to request
 * (the URL without its user part, which never goes on the wire nor into logs) and the credentials.
 */
public record RtspPullUrl(String host, int port, String requestUri, Optional<RtspCredentials> credentials) {
    public static final int DEFAULT_PORT = 554;

    /** @throws IllegalArgumentException when {@code url} is no rtsp:// URL with a host */
    public static RtspPullUrl parse(String url) {
        if (!url.regionMatches(true, 0, "rtsp://", 0, 7)) {
            throw new IllegalArgumentException("not an rtsp:// URL");
        }
        String rest = url.substring(7);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        Optional<RtspCredentials> credentials = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String pass = colon < 0 ? "" : userInfo.substring(colon + 1);
            credentials = Optional.of(new RtspCredentials(decode(user), decode(pass)));
        }
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            String p = authority.substring(colon + 1);
            if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 65535) {
                throw new IllegalArgumentException("bad port in rtsp:// URL");
            }
            port = Integer.parseInt(p);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("rtsp:// URL without host");
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return new RtspPullUrl(host, port, "rtsp://" + hostPart + (port == DEFAULT_PORT ? "" : ":" + port) + path, credentials);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL without credentials, for log lines and errors. */
    @Override
    public String toString() {
        return requestUri;
    }
}
