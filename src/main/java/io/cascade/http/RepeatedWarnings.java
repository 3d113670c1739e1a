package io.cascade.http;

import org.slf4j.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warnings about a fault that every request meets (a stream whose data cannot be served): logged
 * the first time and then at most once a minute per key, so the log says it without flooding.
 */
public final class RepeatedWarnings {
    private static final long QUIET_NANOS = 60_000_000_000L;
    private static final int MAX_KEYS = 1_000;

    private final Logger log;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    public RepeatedWarnings(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} and the cause's text (no stack trace) unless {@code key} was logged within a minute. */
    public void warn(String key, String message, Throwable cause) {
        warn(key, message + ": " + cause);
    }

    /** Logs {@code message} unless {@code key} was logged within a minute. */
    public void warn(String key, String message) {
        long now = System.nanoTime();
        Long last = lastLogged.get(key);
        if (last != null && now - last < QUIET_NANOS) {
            return;
        }
        if (lastLogged.size() >= MAX_KEYS) {
            lastLogged.clear();
        }
        lastLogged.put(key, now);
        log.warn("{}", message);
    }
}
