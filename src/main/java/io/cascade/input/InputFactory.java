package io.cascade.input;

import java.nio.file.Path;

/** Makes the {@link Input} an input URL names. */
public final class InputFactory {
    private final Path baseDir;

    /** @param baseDir where relative file paths are resolved: the config file's folder */
    public InputFactory(Path baseDir) {
        this.baseDir = baseDir;
    }

    public Input create(String url) {
        int sep = url.indexOf("://");
        String scheme = sep < 0 ? "" : url.substring(0, sep);
        String rest = sep < 0 ? url : url.substring(sep + 3);
        return switch (scheme) {
            case "file" -> new FileInput(url, baseDir.resolve(rest));
            default -> new UnsupportedInput(url, "input scheme '" + scheme + "' is not supported yet");
        };
    }

    /** An input this build cannot run: it fails at once with the reason, and the supervisor moves on. */
    private record UnsupportedInput(String url, String reason) implements Input {
        @Override
        public void run(MediaSink sink) throws java.io.IOException {
            throw new java.io.IOException(reason);
        }
    }
}
