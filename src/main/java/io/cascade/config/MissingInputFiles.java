package io.cascade.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Warnings for {@code input file://PATH} whose file is not there. Not errors: the file may be
 * put in place before the stream needs it, and a missing input fails over to the next one.
 * Paths resolve as the inputs do, against the config file's folder.
 */
final class MissingInputFiles {
    private static final String FILE = "file://";

    private MissingInputFiles() {
    }

    static List<ConfigError> find(List<ConfigNode> topLevel, Path baseDir) {
        List<ConfigError> warnings = new ArrayList<>();
        for (ConfigNode stream : topLevel) {
            if (!stream.name().equals(Directive.STREAM.keyword())) {
                continue;
            }
            for (ConfigNode input : stream.children()) {
                if (input.name().equals(Directive.INPUT.keyword()) && !input.args().isEmpty()) {
                    check(input.arg(0), input.argPos(0), baseDir).ifPresent(warnings::add);
                }
            }
        }
        return warnings;
    }

    private static Optional<ConfigError> check(String url, Position at, Path baseDir) {
        if (!url.toLowerCase(Locale.ROOT).startsWith(FILE) || url.length() == FILE.length()) {
            return Optional.empty();
        }
        String path = url.substring(FILE.length());
        String lookedFor;
        try {
            Path file = baseDir.resolve(path).normalize();
            if (Files.isRegularFile(file)) {
                return Optional.empty();
            }
            lookedFor = file.toString();
        } catch (InvalidPathException e) {
            lookedFor = "not a valid path here";
        }
        return Optional.of(new ConfigError(at, "warning: input file '" + path + "' does not exist (" + lookedFor + ")"));
    }
}
