package io.cascade.config;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archive settings: where recordings go, how long they are kept and, optionally, how full the
 * disk may get before the oldest recordings are removed early.
 *
 * @param path              the storage directory
 * @param depth             how much time is kept
 * @param diskLimitPercent  the disk fill level, 1..100, not to exceed
 */
public record DvrConfig(String path, Duration depth, OptionalInt diskLimitPercent) {

    private static final Pattern DEPTH = Pattern.compile("([0-9]{1,9})([dhms]?)");
    private static final Pattern PERCENT = Pattern.compile("([0-9]{1,3})%");

    public DvrConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(diskLimitPercent, "diskLimitPercent");
        if (path.isBlank()) {
            throw new IllegalArgumentException("empty DVR path");
        }
        if (depth.isNegative() || depth.isZero()) {
            throw new IllegalArgumentException("DVR depth must be positive: " + depth);
        }
        diskLimitPercent.ifPresent(DvrConfig::requirePercent);
    }

    /** Parses a depth: {@code 2d}, {@code 12h}, {@code 30m}, {@code 3600s} or bare seconds. */
    public static Duration parseDepth(String s) {
        Matcher m = DEPTH.matcher(s);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("invalid DVR depth '" + s
                    + "': expected a positive number with an optional unit d, h, m or s (like 2d, 12h, 30m, 3600s)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** Parses a disk limit written as a percentage, {@code 1%} to {@code 100%}. */
    public static int parseDiskLimit(String s) {
        Matcher m = PERCENT.matcher(s);
        if (!m.matches() || !isPercent(Integer.parseInt(m.group(1)))) {
            throw new IllegalArgumentException("invalid disk limit '" + s + "': expected a percentage from 1% to 100%");
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean isPercent(int value) {
        return value >= 1 && value <= 100;
    }

    private static void requirePercent(int value) {
        if (!isPercent(value)) {
            throw new IllegalArgumentException("disk limit must be 1..100 percent: " + value);
        }
    }
}
