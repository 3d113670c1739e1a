/**
 * Monitoring: the Prometheus scrape ({@code /metrics}, {@code /flussonic/api/metrics}) of the
 * server's Micrometer registry, the per-stream and server meters it shows, and the health
 * endpoints ({@code /streamer/api/v3/monitoring/liveness} and {@code /readiness}).
 */
package io.cascade.metrics;
