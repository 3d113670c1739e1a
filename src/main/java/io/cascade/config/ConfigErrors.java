package io.cascade.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors of one load. Capped, so that feeding a large binary file produces a
 * readable report instead of a wall of noise.
 */
final class ConfigErrors {

    static final int LIMIT = 100;

    private final List<ConfigError> errors = new ArrayList<>();
    private int dropped;

    void add(Position pos, String message) {
        if (errors.size() < LIMIT) {
            errors.add(new ConfigError(pos, message));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void throwIfAny() throws ConfigException {
        if (errors.isEmpty()) {
            return;
        }
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(ConfigError::pos));
        if (dropped > 0) {
            Position last = sorted.get(sorted.size() - 1).pos();
            sorted.add(new ConfigError(last, "too many errors; " + dropped + " more not shown"));
        }
        throw new ConfigException(sorted);
    }
}
