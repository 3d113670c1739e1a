package io.cascade.config;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archive settings: where recordings go, how long they are kept and, optionally, how full the
 * disk may get before the oldest recordings are removed early.
 *
 * @param path              the storage directory
 * @param depth             how much time is kept
 * @param diskLimitPercent  the disk fill level, 1..100, not to exceed
 * @param replicateRate     in a {@code source} block, {@code replicate}: the bytes per second at
 *                          which segments missed while away from the source are copied from its
 *                          archive; empty when not replicating
 */
public record DvrConfig(String path, Duration depth, OptionalInt diskLimitPercent, OptionalLong replicateRate) {
    /** {@code replicate} without a rate: 4 MiB/s, a 20 s hole of a 2 Mbit/s stream in about a second. */
    public static final long DEFAULT_REPLICATE_RATE = 4L << 20;
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,9})([KMG]?)");

    /** Settings that do not replicate. */
    public DvrConfig(String path, Duration depth, OptionalInt diskLimitPercent) {
        this(path, depth, diskLimitPercent, OptionalLong.empty());
    }

    /** Parses a size in bytes: {@code 256M}, {@code 512K}, {@code 1G} (powers of 1024) or bare bytes; above 0. */
    public static long parseSize(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("invalid size '" + s
                    + "': expected a positive number of bytes with an optional unit K, M or G (like 256M)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
    }

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
        Objects.requireNonNull(replicateRate, "replicateRate");
        if (replicateRate.isPresent() && replicateRate.getAsLong() <= 0) {
            throw new IllegalArgumentException("replicate rate must be positive");
        }
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
