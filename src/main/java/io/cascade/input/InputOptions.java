package io.cascade.input;

import java.time.Duration;
import java.util.Map;

/**
 * How the supervisor treats one input: {@code source_timeout=N} (seconds without a frame before
 * a pulled input counts as down) and {@code priority=N} (lower is preferred; by default an
 * input's position in the config, so config order decides among equals).
 */
public record InputOptions(Duration sourceTimeout, int priority) {
    public static final Duration DEFAULT_SOURCE_TIMEOUT = Duration.ofSeconds(10);
    /** Bounds of source_timeout: shorter would fail over on a sender's hiccup, longer is no timeout. */
    public static final long MIN_TIMEOUT_SECONDS = 1;
    public static final long MAX_TIMEOUT_SECONDS = 3600;

    /** The options of the input at {@code position} (1 = first in the config). */
    public static InputOptions defaults(int position) {
        return new InputOptions(DEFAULT_SOURCE_TIMEOUT, position);
    }

    /**
     * The options an input's {@code key=value}s give.
     *
     * @throws IllegalArgumentException naming the option that is out of bounds or no number
     */
    public static InputOptions of(Map<String, String> options, int position) {
        Duration timeout = DEFAULT_SOURCE_TIMEOUT;
        String t = options.get("source_timeout");
        if (t != null) {
            timeout = Duration.ofSeconds(number("source_timeout", t, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS));
        }
        String p = options.get("priority");
        int priority = p == null ? position : (int) number("priority", p, 0, 1000);
        return new InputOptions(timeout, priority);
    }

    private static long number(String key, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max
                + ", not '" + value + "'");
    }
}
