package io.cascade.session;

import java.util.Optional;

/**
 * A session's figures at one moment, as the API shows them and as a server reports them to
 * another.
 *
 * @param server   the server the viewer watches on
 * @param openedAt when the session opened, Unix milliseconds
 * @param updatedAt when it last fetched or was reported, Unix milliseconds
 */
public record SessionRecord(String id, String stream, String proto, String ip, Optional<String> token,
                            Optional<String> userId, String server, long openedAt, long updatedAt, long bytes,
                            String userAgent, String referer, String queryString) {
}
