package io.cascade.config;

import java.util.Objects;

/** One problem found in a configuration file. */
public record ConfigError(Position pos, String message) {

    public ConfigError {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return pos + ": " + message;
    }
}
