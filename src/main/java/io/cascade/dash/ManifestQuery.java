package io.cascade.dash;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends a query to the segment template URIs of an MPD ({@code initialization}, {@code media}),
 * so a player's segment requests carry its session; the paths stay the same for every viewer.
 */
public final class ManifestQuery {
    private static final Pattern TEMPLATE_URI = Pattern.compile("( (?:initialization|media)=\")([^\"?]*)\"");

    private ManifestQuery() {
    }

    /** @param query URL-encoded {@code key=value} (no '&amp;', '&lt;' or '"' to escape) */
    public static String append(String mpd, String query) {
        Matcher m = TEMPLATE_URI.matcher(mpd);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + "?" + query + "\""));
    }
}
