package io.cascade.metrics;

import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.function.BooleanSupplier;

/**
 * {@code /streamer/api/v3/monitoring/liveness}: 200 while the server answers at all;
 * {@code /readiness}: 200 once every listener is up and the streams are made, 503 before.
 */
public final class HealthRoute implements Route {
    private static final String PREFIX = "/streamer/api/v3/monitoring/";

    private final BooleanSupplier ready;

    public HealthRoute(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public boolean handle(HttpExchange ex) {
        switch (ex.path()) {
            case PREFIX + "liveness" -> ex.sendText("application/json", "{\"status\":\"ok\"}");
            case PREFIX + "readiness" -> {
                if (ready.getAsBoolean()) {
                    ex.sendText("application/json", "{\"status\":\"ready\"}");
                } else {
                    ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "starting");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
