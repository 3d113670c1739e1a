package io.cascade.rtmp;

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
 * Pins the split between the RTMP protocol and the code that wires it to streams: {@code rtmp}
 * uses only the media core, the codec layer, AMF and the network gate, never streams, inputs,
 * the cluster or the HTTP side (that is {@code rtmpstream}'s job).
 */
class RtmpPackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/cascade/rtmp");
    private static final Set<String> ALLOWED = Set.of("rtmp", "media", "codec", "amf", "net");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.cascade\\.(\\w+)");

    @Test
    void rtmpReferencesOnlyTheMediaCoreCodecsAmfAndNet() throws IOException {
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
        assertThat(found).as("rtmp must not depend on stream wiring").isEmpty();
    }

    @Test
    void theScanSeesTheImportsItPins() throws IOException {
        // guards the test above against scanning nothing
        assertThat(Files.readString(SOURCES.resolve("RtmpCommand.java"))).contains("import io.cascade.amf.");
    }
}
