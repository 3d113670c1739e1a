package io.cascade.config;

import java.util.Objects;

/**
 * One problem found in a configuration file.
 *
 * <p>Printed as one {@code FILE:LINE:COL: message} line whatever the file holds: control
 * characters (a newline inside a quoted token) are escaped, so every line of a report starts
 * with a position that tools can jump to.
 */
public record ConfigError(Position pos, String message) {

    public ConfigError {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return escape(pos + ": " + message);
    }

    /** {@code \n}, {@code \r}, {@code \t} as written in Java; other control and line-breaking characters as {@code \\uXXXX}. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
