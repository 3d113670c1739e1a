package io.cascade.input;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Makes the {@link Input} an input URL names; features add their schemes (cluster: m4f). */
public final class InputFactory {
    /** Makes inputs of one URL scheme. */
    public interface Scheme {
        Input create(String streamName, String url);

        /** With the input's {@code key=value} options from the config; schemes that take none ignore them. */
        default Input create(String streamName, String url, Map<String, String> options) {
            return create(streamName, url);
        }
    }

    private final Path baseDir;
    private final Map<String, Scheme> schemes = new ConcurrentHashMap<>();

    /** @param baseDir where relative file paths are resolved: the config file's folder */
    public InputFactory(Path baseDir) {
        this.baseDir = baseDir;
    }

    public void register(String scheme, Scheme maker) {
        schemes.put(scheme, maker);
    }

    public Input create(String streamName, String url) {
        return create(streamName, url, Map.of());
    }

    public Input create(String streamName, String url, Map<String, String> options) {
        int sep = url.indexOf("://");
        String scheme = sep < 0 ? "" : url.substring(0, sep);
        String rest = sep < 0 ? url : url.substring(sep + 3);
        if (scheme.equals("file")) {
            return new FileInput(url, baseDir.resolve(rest));
        }
        Scheme maker = schemes.get(scheme);
        return maker != null ? maker.create(streamName, url, options)
                : new UnsupportedInput(url, "input scheme '" + scheme + "' is not supported yet");
    }

    /**
     * An input that cannot run as configured (its URL is unusable): each run fails at once with
     * {@code reason}, so the supervisor logs it and moves on, and the server's other streams run.
     */
    public static Input failing(String url, String reason) {
        return new UnsupportedInput(url, reason);
    }

    /** An input this build cannot run: it fails at once with the reason, and the supervisor moves on. */
    private record UnsupportedInput(String url, String reason) implements Input {
        @Override
        public void run(MediaSink sink) throws java.io.IOException {
            throw new java.io.IOException(reason);
        }
    }
}
