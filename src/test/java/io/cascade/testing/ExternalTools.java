package io.cascade.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one place unit tests ask whether an external tool (ffmpeg, ffprobe) is installed. A test
 * that runs one calls {@link #assumeInstalled} first (the tool wrappers of the tests do), so on a
 * machine without it the test is skipped with a message saying why instead of failing; the golden
 * tests cover the parsers with committed samples and need no tool.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** True when {@code tool} is an executable file in a directory of PATH. */
    public static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** Skips the calling test (or class, from {@code @BeforeAll}) unless every tool is on PATH. */
    public static void assumeInstalled(String... tools) {
        for (String tool : tools) {
            assumeTrue(onPath(tool), () -> tool + " is not on PATH: test skipped (it runs the real " + tool
                    + "; install it to run it, the golden tests need no tool)");
        }
    }
}
