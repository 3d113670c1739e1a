package io.cascade.rtmpstream;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The parts of an RTMP play's query string and tcUrl that a viewer session needs. */
final class Query {
    private Query() {
    }

    /** The first value of {@code name} in a {@code a=1&b=2} query, decoded. */
    static Optional<String> param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of(pair.substring(eq + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** The host[:port] of an {@code rtmp://HOST[:PORT]/app} URL, "" when it has none. */
    static String host(String tcUrl) {
        try {
            URI u = new URI(tcUrl);
            return u.getHost() == null ? "" : u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }
}
