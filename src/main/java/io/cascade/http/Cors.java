package io.cascade.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.regex.Pattern;

/**
 * Cross-origin access: every stream is public to any page (the players of other sites), so every
 * response allows any origin, and a preflight ({@code OPTIONS}) allows the read methods and the
 * headers a player adds (an {@code Authorization} for a token, a {@code Range}).
 */
final class Cors {
    static final String METHODS = "GET, HEAD, OPTIONS";
    /** What a preflight allows when it names no headers, or names them in a form not echoed. */
    static final String SAFE_HEADERS = "Authorization, Range, If-Range, Content-Type";
    /** Response headers a page's script may read besides the safelisted ones. */
    static final String EXPOSED = "Content-Length, Content-Range, Accept-Ranges, Date";
    /** A day; browsers cap it lower (Chromium at 2 h), which is fine. */
    static final String MAX_AGE = "86400";
    /** A comma-separated list of header names, bounded, so what is echoed is only header names. */
    private static final Pattern HEADER_LIST = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}"
            + "(?:[ \\t]*,[ \\t]*[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}){0,31}");

    private Cors() {
    }

    /** The headers of a 204 answer to a preflight. */
    static HttpHeaders preflight(String requestedHeaders) {
        String requested = requestedHeaders == null ? "" : requestedHeaders.strip();
        return new DefaultHttpHeaders()
                .set(HttpHeaderNames.ALLOW, METHODS)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        HEADER_LIST.matcher(requested).matches() ? requested : SAFE_HEADERS)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE)
                .set(HttpHeaderNames.VARY, "Access-Control-Request-Headers");
    }

    /** What every response carries. */
    static void addTo(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    }
}
