package io.cascade.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stream name pattern of {@code only} and {@code except}: {@code *} stands for any run of
 * characters, {@code /} included, so {@code mylive/*} takes every stream under {@code mylive/};
 * every other character stands for itself.
 */
public record NamePattern(String pattern) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_./*-]+");

    public NamePattern {
        Objects.requireNonNull(pattern, "pattern");
        if (!ALLOWED.matcher(pattern).matches()) {
            throw new IllegalArgumentException("invalid stream name pattern '" + pattern
                    + "': only letters, digits, '_', '.', '/', '-' and the wildcard '*' are allowed");
        }
    }

    /**
     * Glob matching by the greedy two-pointer method: on a mismatch, retry from the last star
     * taking one more character. Linear in practice and never exponential, unlike a naive regex.
     */
    public boolean matches(String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int starMatch = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starMatch = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++starMatch;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
