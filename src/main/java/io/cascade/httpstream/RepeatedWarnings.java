package io.cascade.httpstream;

import io.cascade.net.RateLimitedLog;
import org.slf4j.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warnings about a fault that every request for some data meets (a stream whose playlist or
 * segment cannot be made): each key (stream, segment) logged at most once a minute, so the log
 * says it without a line, or a stack trace, per request.
 */
public final class RepeatedWarnings {
    private static final long INTERVAL_MILLIS = 60_000;
    private static final int MAX_KEYS = 1_000;

    private final Logger log;
    private final Map<String, RateLimitedLog> byKey = new ConcurrentHashMap<>();

    public RepeatedWarnings(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} and the cause's text (no stack trace). */
    public void warn(String key, String message, Throwable cause) {
        warn(key, message + ": " + cause);
    }

    public void warn(String key, String message) {
        if (byKey.size() >= MAX_KEYS) {
            byKey.clear();
        }
        byKey.computeIfAbsent(key, k -> new RateLimitedLog(log, INTERVAL_MILLIS)).warn(message);
    }
}
