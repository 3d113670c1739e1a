package io.cascade.dash;

import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * {@code /time}: the server's UTC time as ISO 8601 text with milliseconds
 * ({@code 2026-11-24T10:00:06.250Z}), the {@code urn:mpeg:dash:utc:http-iso:2014} source every
 * manifest names, so players sync to the clock segment times are on without a public time server.
 * Answered on the event loop (reading the clock is all it does) and never cached.
 */
public final class TimeRoute implements Route {
    static final String PATH = "/time";

    private final Clock clock;

    public TimeRoute() {
        this(Clock.systemUTC());
    }

    TimeRoute(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean handle(HttpExchange ex) {
        if (!ex.path().equals(PATH)) {
            return false;
        }
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        ex.send(HttpResponseStatus.OK, "text/plain; charset=utf-8", Unpooled.copiedBuffer(now, StandardCharsets.US_ASCII),
                "no-store");
        return true;
    }
}
