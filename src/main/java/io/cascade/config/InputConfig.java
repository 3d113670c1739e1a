package io.cascade.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One input of a stream: where its media comes from.
 *
 * @param url     the URL exactly as written
 * @param scheme  its scheme in lower case, one of {@link #SCHEMES}
 * @param options the {@code key=value} options after the URL, in the order written
 */
public record InputConfig(String url, String scheme, Map<String, String> options) {

    /** The input kinds Cascade knows how to ingest. */
    public static final List<String> SCHEMES = List.of("publish", "file", "rtmp", "rtsp", "tshttp", "udp", "hls", "m4f");

    private static final String SEPARATOR = "://";

    public InputConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(scheme, "scheme");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** An input for a URL, its scheme checked and taken from the URL. */
    public static InputConfig of(String url, Map<String, String> options) {
        return new InputConfig(url, schemeOf(url), options);
    }

    /** The lower-case scheme of an input URL; the exception message says why a URL is unusable. */
    public static String schemeOf(String url) {
        int separator = url.indexOf(SEPARATOR);
        if (separator <= 0) {
            throw new IllegalArgumentException("input URL '" + url + "' has no scheme; expected one of "
                    + String.join("://, ", SCHEMES) + "://");
        }
        String scheme = url.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            String hint = SpellingSuggestion.nearest(scheme, SCHEMES).map(s -> ", did you mean '" + s + "'?")
                    .orElse("; expected one of " + String.join(", ", SCHEMES));
            throw new IllegalArgumentException("unsupported input scheme '" + scheme + "'" + hint);
        }
        if (!scheme.equals("publish") && url.length() == separator + SEPARATOR.length()) {
            throw new IllegalArgumentException("input URL '" + url + "' has nothing after '" + scheme + "://'");
        }
        return scheme;
    }

    /** Bounds of the failover options every input takes: {@code source_timeout} seconds, {@code priority}. */
    public static final long MAX_SOURCE_TIMEOUT = 3600;
    public static final long MAX_PRIORITY = 1000;

    /** What is wrong with an input option's value, empty when it is fine (or not one this checks). */
    public static Optional<String> checkOption(String key, String value) {
        long min;
        long max;
        switch (key) {
            case "source_timeout" -> {
                min = 1;
                max = MAX_SOURCE_TIMEOUT;
            }
            case "priority" -> {
                min = 0;
                max = MAX_PRIORITY;
            }
            default -> {
                return Optional.empty();
            }
        }
        boolean ok = value.matches("[0-9]{1,9}") && Long.parseLong(value) >= min && Long.parseLong(value) <= max;
        return ok ? Optional.empty() : Optional.of("invalid " + key + " '" + value + "': expected a whole number from "
                + min + " to " + max);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
