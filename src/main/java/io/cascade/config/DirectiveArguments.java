package io.cascade.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the arguments of one directive, reporting a bad argument at its own position. Every
 * reader returns empty on a bad value, after recording the error, so callers simply keep their
 * default and carry on to find further errors.
 */
final class DirectiveArguments {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");

    private final ConfigNode node;
    private final ConfigErrors errors;

    DirectiveArguments(ConfigNode node, ConfigErrors errors) {
        this.node = node;
        this.errors = errors;
    }

    int count() {
        return node.args().size();
    }

    String text(int i) {
        return node.arg(i);
    }

    Position pos(int i) {
        return node.argPos(i);
    }

    void error(int i, String message) {
        errors.add(pos(i), message);
    }

    /** Applies a parser whose IllegalArgumentException message describes the problem. */
    <T> Optional<T> parsed(int i, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(text(i)));
        } catch (IllegalArgumentException e) {
            error(i, e.getMessage());
            return Optional.empty();
        }
    }

    Optional<Integer> port(int i) {
        return parsed(i, HostPort::parsePort);
    }

    /** A non-empty string: an empty quoted string is almost surely a mistake. */
    Optional<String> nonEmpty(int i, String what) {
        if (text(i).isEmpty()) {
            error(i, what + " must not be empty");
            return Optional.empty();
        }
        return Optional.of(text(i));
    }

    OptionalDouble seconds(int i, double max) {
        String s = text(i);
        if (!DECIMAL.matcher(s).matches() || Double.parseDouble(s) <= 0 || Double.parseDouble(s) > max) {
            error(i, "invalid duration '" + s + "': expected seconds greater than 0 and at most " + (int) max);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(s));
    }

    /**
     * A timeout in seconds, to the millisecond, from {@link #MIN_TIMEOUT_SECONDS}: below it a
     * timeout would cut every healthy client, which is a typo, not a setting.
     */
    Optional<Duration> timeout(int i, double max) {
        return timeoutSeconds(i, "timeout", text(i), max);
    }

    static final double MIN_TIMEOUT_SECONDS = 0.1;

    private Optional<Duration> timeoutSeconds(int i, String what, String s, double max) {
        if (!DECIMAL.matcher(s).matches() || Double.parseDouble(s) < MIN_TIMEOUT_SECONDS || Double.parseDouble(s) > max) {
            error(i, "invalid " + what + " '" + s + "': expected seconds from " + MIN_TIMEOUT_SECONDS + " to " + (int) max);
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000)));
    }

    Optional<Integer> integer(int i, int min, int max) {
        String s = text(i);
        if (!INTEGER.matcher(s).matches() || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
            error(i, "invalid number '" + s + "': expected a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(s));
    }

    /** {@code PATH DEPTH [LIMIT%] [replicate] [replicate_rate=SIZE]}; arity already checked. */
    Optional<DvrConfig> dvr() {
        Optional<String> path = nonEmpty(0, "DVR path");
        Optional<Duration> depth = parsed(1, DvrConfig::parseDepth);
        OptionalInt limit = OptionalInt.empty();
        OptionalLong replicate = OptionalLong.empty();
        boolean bad = false;
        for (int i = 2; i < count(); i++) {
            String a = text(i);
            if (a.equals("replicate")) {
                replicate = OptionalLong.of(replicate.orElse(DvrConfig.DEFAULT_REPLICATE_RATE));
            } else if (a.startsWith("replicate_rate=")) {
                Optional<Long> rate = parsed(i, t -> DvrConfig.parseSize(t.substring("replicate_rate=".length())));
                bad |= rate.isEmpty();
                if (rate.isPresent()) {
                    replicate = OptionalLong.of(rate.get());
                }
            } else {
                Optional<Integer> parsedLimit = parsed(i, DvrConfig::parseDiskLimit);
                bad |= parsedLimit.isEmpty();
                if (parsedLimit.isPresent()) {
                    limit = OptionalInt.of(parsedLimit.get());
                }
            }
        }
        if (path.isEmpty() || depth.isEmpty() || bad) {
            return Optional.empty();
        }
        return Optional.of(new DvrConfig(path.get(), depth.get(), limit, replicate));
    }

    /** A size in bytes ({@code 256M}): see {@link DvrConfig#parseSize}. */
    Optional<Long> size(int i) {
        return parsed(i, DvrConfig::parseSize);
    }

    /** {@code FILE [timeout=SECONDS]}; arity already checked. */
    Optional<BackupConfig> backup() {
        Optional<String> file = nonEmpty(0, "backup file");
        Duration timeout = BackupConfig.DEFAULT_TIMEOUT;
        if (count() > 1) {
            if (!text(1).startsWith("timeout=")) {
                error(1, "invalid backup option '" + text(1) + "': expected timeout=SECONDS");
                return Optional.empty();
            }
            Optional<Duration> t = timeoutSeconds(1, "backup timeout", text(1).substring("timeout=".length()), BackupConfig.MAX_TIMEOUT_SECONDS);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            timeout = t.get();
        }
        Duration chosen = timeout;
        return file.map(f -> new BackupConfig(f, chosen));
    }
}
