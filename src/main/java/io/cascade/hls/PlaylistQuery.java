package io.cascade.hls;

/**
 * Appends a query to every URI of a playlist (segment and variant lines, {@code EXT-X-MAP} URIs),
 * so a player's next requests carry its session; the paths stay the same for every viewer.
 */
public final class PlaylistQuery {
    private static final String MAP = "#EXT-X-MAP:URI=\"";

    private PlaylistQuery() {
    }

    /** @param query URL-encoded {@code key=value}, appended with '?' or '&' as each URI needs */
    public static String append(String playlist, String query) {
        StringBuilder out = new StringBuilder(playlist.length() + 64);
        for (String line : playlist.split("\n", -1)) {
            if (line.startsWith(MAP)) {
                int end = line.indexOf('"', MAP.length());
                String uri = line.substring(MAP.length(), end);
                out.append(MAP).append(withQuery(uri, query)).append(line, end, line.length());
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                out.append(withQuery(line, query));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String withQuery(String uri, String query) {
        return uri + (uri.indexOf('?') < 0 ? '?' : '&') + query;
    }
}
