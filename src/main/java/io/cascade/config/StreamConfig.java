package io.cascade.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * A stream configured by name.
 *
 * @param name            the stream name; may contain '/'
 * @param inputs          its inputs in failover order: the first that works is used
 * @param isStatic        true to run all the time, false to start on the first viewer (ondemand)
 * @param dvr             archive settings, if archived
 * @param onPlay          the URL asked whether a viewer may play, if any
 * @param backup          the file played while no input works, if any
 * @param segmentDuration this stream's segment duration in seconds, when not the server's
 * @param pos             where the stream is defined
 * @param access          the {@code on_play} fallback and the protocols that serve the stream
 * @param pushes          where the stream is pushed to ({@code push udp://...}), in the order written
 */
public record StreamConfig(String name, List<InputConfig> inputs, boolean isStatic, Optional<DvrConfig> dvr,
                           Optional<String> onPlay, Optional<BackupConfig> backup, OptionalDouble segmentDuration,
                           Position pos, PlayAccess access, List<PushConfig> pushes) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./-]+");

    public StreamConfig {
        checkName(name);
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(dvr, "dvr");
        Objects.requireNonNull(onPlay, "onPlay");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(segmentDuration, "segmentDuration");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(access, "access");
        pushes = List.copyOf(pushes);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("stream '" + name + "' has no input");
        }
    }

    /** A stream with every protocol on and no {@code on_play} fallback. */
    public StreamConfig(String name, List<InputConfig> inputs, boolean isStatic, Optional<DvrConfig> dvr,
                        Optional<String> onPlay, Optional<BackupConfig> backup, OptionalDouble segmentDuration, Position pos) {
        this(name, inputs, isStatic, dvr, onPlay, backup, segmentDuration, pos, PlayAccess.OPEN);
    }

    /** A stream pushed nowhere. */
    public StreamConfig(String name, List<InputConfig> inputs, boolean isStatic, Optional<DvrConfig> dvr,
                        Optional<String> onPlay, Optional<BackupConfig> backup, OptionalDouble segmentDuration, Position pos,
                        PlayAccess access) {
        this(name, inputs, isStatic, dvr, onPlay, backup, segmentDuration, pos, access, List.of());
    }

    /**
     * Checks that a stream name is safe to use in URLs and as a path below a DVR directory; the
     * exception message says what is wrong.
     */
    public static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid stream name '" + name
                    + "': only letters, digits, '_', '.', '/' and '-' are allowed");
        }
        if (name.startsWith("/")) {
            throw new IllegalArgumentException("invalid stream name '" + name + "': must not start with '/'");
        }
        if (name.contains("..")) {
            // Names become archive paths; '..' could climb out of the DVR directory.
            throw new IllegalArgumentException("invalid stream name '" + name + "': must not contain '..'");
        }
    }
}
