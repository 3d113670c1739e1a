package io.cascade.http;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header value, RFC 9110's IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}).
 * Formatted once per second, not once per response.
 */
final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Clock clock;
    private volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private record Formatted(long second, String text) {
    }

    HttpDate(Clock clock) {
        this.clock = clock;
    }

    static String format(Instant t) {
        return IMF_FIXDATE.format(t);
    }

    String now() {
        long second = clock.millis() / 1000;
        Formatted f = last;
        if (f.second() != second) {
            f = new Formatted(second, format(Instant.ofEpochSecond(second)));
            last = f;
        }
        return f.text();
    }
}
