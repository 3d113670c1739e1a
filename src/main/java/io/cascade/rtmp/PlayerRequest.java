package io.cascade.rtmp;

import java.util.function.LongSupplier;

/**
 * A player's {@code play} as the connection saw it.
 *
 * @param app       the app of {@code connect}, without its query
 * @param name      the stream name of {@code play}, without its query
 * @param query     the query of the play name (else of the app), without '?', "" when none:
 *                  where {@code token=T} rides
 * @param clientIp  the player's address
 * @param flashVer  {@code connect}'s flashVer (the player's User-Agent), "" when none
 * @param pageUrl   {@code connect}'s pageUrl, "" when none
 * @param tcUrl     {@code connect}'s tcUrl, "" when none
 * @param bytesSent every byte written to the connection so far
 */
public record PlayerRequest(String app, String name, String query, String clientIp, String flashVer, String pageUrl,
                            String tcUrl, LongSupplier bytesSent) {
}
