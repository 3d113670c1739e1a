package io.cascade.dash;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long to hold a manifest request so that one client (address, User-Agent and stream) gets
 * at most one manifest per interval.
 *
 * <p>ffmpeg's DASH reader (5.x) fetches the manifest again before every segment it reads and
 * goes on at once, with nothing else to pace it: it reaches the live edge within seconds and then
 * asks, in a tight loop, for the segment being made (about a hundred 404s a second). Holding its
 * manifest requests to one per half segment paces it at about real time (two tracks, two
 * manifests per segment), a little ahead so that it never falls out of the window. Players that
 * refresh every {@code minimumUpdatePeriod} (dash.js, Shaka, VLC) are never held. A hold never
 * exceeds one interval, so many players behind one address are delayed, never queued.
 */
final class ManifestPacing {
    private static final int MAX_CLIENTS = 10_000;

    /** When each client's last manifest is (or was) answered, in System.nanoTime() terms. */
    private final Map<String, Long> answered = new ConcurrentHashMap<>();

    /**
     * @param client     who asks (address, User-Agent, stream)
     * @param interval   the least time between two manifests of one client, in nanoseconds
     * @param nowNanos   System.nanoTime() now
     * @return how long to wait before answering, in nanoseconds, at most {@code interval}
     */
    long delay(String client, long interval, long nowNanos) {
        if (answered.size() >= MAX_CLIENTS) {
            answered.values().removeIf(t -> nowNanos - t > interval);
        }
        long[] wait = {0};
        answered.compute(client, (k, last) -> {
            wait[0] = last == null ? 0 : Math.clamp(last + interval - nowNanos, 0, interval);
            return nowNanos + wait[0];
        });
        return wait[0];
    }
}
