package io.cascade.dash;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the manifest route remembers of each client (address, User-Agent and stream) for a minute:
 * the newest segment it fetched and where its first manifest began.
 *
 * <p>Why: ffmpeg's DASH reader (5.x) fetches the manifest again before every segment, starts at
 * the oldest one listed, and nothing else paces it. It reaches the live edge within seconds and
 * then asks, in a tight loop, for the segment being made (about a hundred 404s a second); and a
 * segment it is still reading that leaves the listing makes it skip the next one. So a client's
 * first manifest lists only the newest {@link #FIRST_LISTED} segments, later ones never list
 * older than that for it, and a manifest asked for by a client that already fetched the newest
 * segment is answered when the next one is made, as HLS blocking playlist reloads are. Players
 * that refresh every {@code minimumUpdatePeriod} (dash.js, Shaka, VLC) are at most delayed by
 * one segment, and get it with the new segment.
 */
final class DashClients {
    /** How many segments a client's first manifest lists: enough for a player's start-up buffer. */
    static final int FIRST_LISTED = 3;
    private static final long FORGET_NANOS = 60_000_000_000L;
    private static final int MAX_CLIENTS = 10_000;

    private record Client(long firstListed, long newestFetched, long seenNanos) {
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    /**
     * The oldest segment number to list for {@code client}, remembered from its first manifest.
     *
     * @param newest the newest closed segment's number
     */
    long firstListed(String client, long newest, long nowNanos) {
        forgetOld(nowNanos);
        return clients.compute(client, (k, c) -> c == null || nowNanos - c.seenNanos > FORGET_NANOS
                ? new Client(newest - FIRST_LISTED + 1, Long.MIN_VALUE, nowNanos)
                : new Client(c.firstListed, c.newestFetched, nowNanos)).firstListed;
    }

    /** The client fetched segment {@code number} of some track. */
    void fetched(String client, long number, long nowNanos) {
        clients.computeIfPresent(client, (k, c) ->
                new Client(c.firstListed, Math.max(c.newestFetched, number), nowNanos));
    }

    /** True when the client already has the newest segment: its next manifest waits for the one after. */
    boolean hasNewest(String client, long newest) {
        Client c = clients.get(client);
        return c != null && c.newestFetched >= newest;
    }

    private void forgetOld(long nowNanos) {
        if (clients.size() >= MAX_CLIENTS) {
            clients.values().removeIf(c -> nowNanos - c.seenNanos > FORGET_NANOS);
            if (clients.size() >= MAX_CLIENTS) {
                clients.clear();
            }
        }
    }
}
