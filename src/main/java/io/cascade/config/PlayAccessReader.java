package io.cascade.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the parts of {@code on_play} and {@code protocols} that make a {@link PlayAccess}.
 * {@code protocols hls dash;} allows only those; {@code protocols -rtsp -mpegts;} allows all
 * but those; the two forms do not mix in one directive.
 */
final class PlayAccessReader {
    static final String ALLOW_DEFAULT = "allow_default";

    private PlayAccessReader() {
    }

    /** The URL of {@code on_play URL [allow_default]}, with {@code access} given the fallback. */
    static Optional<String> onPlay(DirectiveArguments args, PlayAccess[] access) {
        Optional<String> url = args.nonEmpty(0, "on_play URL");
        if (args.count() > 1) {
            if (!args.text(1).equals(ALLOW_DEFAULT)) {
                args.error(1, "unknown on_play option '" + args.text(1) + "': expected '" + ALLOW_DEFAULT + "'");
                return Optional.empty();
            }
            access[0] = access[0].withAllowDefault(true);
        }
        return url.filter(PlayAccessReader::isHttpUrl).or(() -> {
            url.ifPresent(u -> args.error(0, "invalid on_play URL '" + u + "': expected http://HOST[:PORT]/PATH"));
            return Optional.empty();
        });
    }

    private static boolean isHttpUrl(String url) {
        try {
            java.net.URI u = new java.net.URI(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The protocols a {@code protocols} directive leaves on, or empty after reporting its errors. */
    static Optional<Set<String>> protocols(DirectiveArguments args) {
        boolean removing = args.text(0).startsWith("-");
        Set<String> named = new HashSet<>();
        boolean valid = true;
        for (int i = 0; i < args.count(); i++) {
            String text = args.text(i);
            if (text.startsWith("-") != removing) {
                args.error(i, "'" + text + "': either list the protocols to allow or '-NAME' those to switch off,"
                        + " not both");
                valid = false;
                continue;
            }
            String name = removing ? text.substring(1) : text;
            if (!PlayAccess.PROTOCOLS.contains(name)) {
                args.error(i, "unknown protocol '" + name + "': expected one of "
                        + String.join(", ", List.copyOf(new java.util.TreeSet<>(PlayAccess.PROTOCOLS))));
                valid = false;
                continue;
            }
            named.add(name);
        }
        if (!valid) {
            return Optional.empty();
        }
        if (!removing) {
            return Optional.of(named);
        }
        Set<String> left = new HashSet<>(PlayAccess.PROTOCOLS);
        left.removeAll(named);
        return Optional.of(left);
    }
}
