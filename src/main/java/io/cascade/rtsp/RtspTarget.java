package io.cascade.rtsp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request URI names: a stream (whose name may hold {@code /}), its query (with the
 * viewer's token) and, for SETUP, a track's control. Clients make track URLs by appending
 * {@code /trackID=N} to the session URL as a string, so the query may stand before the control
 * ({@code rtsp://h/news?token=T/trackID=1}, what ffmpeg sends) or after it.
 *
 * @param stream  the stream name, percent-decoded, without leading or trailing {@code /}
 * @param query   the query without {@code ?}, as sent; empty when none
 * @param control the track control ({@code trackID=N}), empty for the whole session
 */
public record RtspTarget(String stream, String query, Optional<String> control) {
    private static final Pattern TRACK = Pattern.compile("(.*?)/+(trackID=\\d{1,9})(\\?.*)?");
    private static final int MAX_NAME = 512;

    /** The target of {@code uri}, empty when it is no rtsp:// URL or absolute path, or names no valid stream. */
    public static Optional<RtspTarget> parse(String uri) {
        String rest;
        if (uri.regionMatches(true, 0, "rtsp://", 0, 7) || uri.regionMatches(true, 0, "rtsps://", 0, 8)) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            rest = slash < 0 ? "" : uri.substring(slash + 1);
        } else if (uri.startsWith("/")) {
            rest = uri.substring(1);
        } else {
            return Optional.empty();
        }
        Optional<String> control = Optional.empty();
        Matcher m = TRACK.matcher(rest);
        if (m.matches()) {
            control = Optional.of(m.group(2));
            rest = m.group(1) + (m.group(3) == null ? "" : m.group(3));
        }
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        while (query.endsWith("/")) {
            query = query.substring(0, query.length() - 1);
        }
        Optional<String> name = decode(path);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RtspTarget(name.get(), query, control));
    }

    /** The value of query parameter {@code key} (e.g. {@code token}), percent-decoded. */
    public Optional<String> parameter(String key) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(key)) {
                return Optional.of(percentDecode(eq < 0 ? "" : pair.substring(eq + 1), true));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> decode(String path) {
        String name = percentDecode(path, false);
        if (name == null) {
            return Optional.empty();
        }
        name = name.replaceAll("/+", "/");
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }

    /** Percent-decodes {@code s} as UTF-8 ({@code +} is a space only in a query); null when malformed. */
    private static String percentDecode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
