package io.cascade.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins what {@code http} may use: Netty, the media core and the network gate. Stream lookup for
 * routes lives above it, in {@code httpstream}; streams, inputs and the cluster never reach here.
 */
class HttpPackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/cascade/http");
    private static final Set<String> ALLOWED = Set.of("http", "media", "net");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.cascade\\.(\\w+)");

    @Test
    void httpReferencesOnlyTheMediaCoreAndNet() throws IOException {
        assertThat(SOURCES).as("run from the project directory").isDirectory();
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!ALLOWED.contains(m.group(1))) {
                        found.add(SOURCES.relativize(file) + " -> io.cascade." + m.group(1));
                    }
                }
            }
        }
        assertThat(found).as("http must not depend on streams, inputs or the cluster").isEmpty();
    }

    @Test
    void theScanSeesTheReferencesItPins() throws IOException {
        // guards the test above against scanning nothing
        assertThat(Files.readString(SOURCES.resolve("HttpServer.java"))).contains("import io.cascade.net.");
    }
}
