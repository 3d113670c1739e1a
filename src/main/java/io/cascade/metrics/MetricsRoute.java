package io.cascade.metrics;

import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.httpstream.StreamRequests;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics} and {@code /flussonic/api/metrics}: the Prometheus text format (0.0.4).
 * A scrape walks every stream and session, so it is made off the event loop.
 */
public final class MetricsRoute implements Route {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final StreamMeters streams;

    public MetricsRoute(PrometheusMeterRegistry registry, StreamMeters streams) {
        this.registry = registry;
        this.streams = streams;
    }

    @Override
    public boolean handle(HttpExchange ex) {
        if (!ex.path().equals("/metrics") && !ex.path().equals("/flussonic/api/metrics")) {
            return false;
        }
        StreamRequests.offload(ex, () -> {
            streams.refresh();
            ex.sendBytes(CONTENT_TYPE, registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8), "no-cache");
        });
        return true;
    }
}
