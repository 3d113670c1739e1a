package io.cascade.dvrhttp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each viewer of a {@code timeshift_abs-FROM} playlist first asked for it: the archive plays
 * to it as if live from FROM, so its playlist at any moment is the archive delayed by (first ask
 * - FROM). A viewer unseen for a minute is forgotten (it starts again at FROM); the table is bounded.
 */
final class TimeshiftClients {
    private static final long FORGET_NANOS = 60_000_000_000L;
    private static final int MAX_CLIENTS = 10_000;

    private record Client(long startedSeconds, long seenNanos) {
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    /** The wall-clock second {@code client} started watching, now when it is new. */
    long started(String client, long nowSeconds, long nowNanos) {
        if (clients.size() >= MAX_CLIENTS) {
            clients.values().removeIf(c -> nowNanos - c.seenNanos() > FORGET_NANOS);
            if (clients.size() >= MAX_CLIENTS) {
                clients.clear();
            }
        }
        return clients.compute(client, (k, c) -> c == null || nowNanos - c.seenNanos() > FORGET_NANOS
                ? new Client(nowSeconds, nowNanos) : new Client(c.startedSeconds(), nowNanos)).startedSeconds();
    }
}
