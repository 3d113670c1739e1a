package io.cascade.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code backup FILE [timeout=SECONDS];}: the file a stream plays while every input is down.
 *
 * @param file    the file, relative to the config file's folder unless absolute
 * @param timeout how long without a frame from any input before the file plays
 */
public record BackupConfig(String file, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final double MAX_TIMEOUT_SECONDS = 3600;

    public BackupConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(timeout, "timeout");
    }
}
