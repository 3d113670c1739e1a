package io.cascade.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an HTTP connection may hold the server while it is not being answered.
 *
 * @param request   a request must be complete (headers and body) within this, counted from the
 *                  connection or from its first byte after a keep-alive pause; not restarted by
 *                  each byte, so a client trickling header lines is cut
 * @param keepAlive a connection with no request under way closes after this
 * @param send      a response that makes no progress (the client reads nothing) for this long is
 *                  cut; a response still being made (a pushed stream, a wait for a stream) is not
 */
public record HttpLimits(Duration request, Duration keepAlive, Duration send) {
    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(60));

    public HttpLimits {
        for (Duration d : new Duration[] {Objects.requireNonNull(request), Objects.requireNonNull(keepAlive),
                Objects.requireNonNull(send)}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("HTTP timeouts must be positive: " + d);
            }
        }
    }
}
