package io.cascade;

import io.cascade.config.ConfigException;
import io.cascade.config.ConfigLoader;
import io.cascade.config.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The built-in demo: a static stream {@code demo} looping a clip bundled in the jar, so a fresh
 * checkout plays something with no files and no config.
 */
final class DemoConfig {
    static final String CLIP = "/demo/demo.mp4";

    private DemoConfig() {
    }

    static ServerConfig create(int httpPort) throws IOException {
        Path clip = Files.createTempFile("cascade-demo-", ".mp4");
        clip.toFile().deleteOnExit();
        try (InputStream in = DemoConfig.class.getResourceAsStream(CLIP)) {
            if (in == null) {
                throw new IOException("demo clip " + CLIP + " is missing from the jar");
            }
            Files.copy(in, clip, StandardCopyOption.REPLACE_EXISTING);
        }
        String text = "http " + httpPort + ";\nrtmp 1935;\n"
                + "stream demo {\n  input \"file://" + clip.toAbsolutePath() + "\";\n  static;\n}\n";
        try {
            return ConfigLoader.parse(text, "built-in demo");
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in demo config is invalid: " + e.getMessage(), e);
        }
    }
}
