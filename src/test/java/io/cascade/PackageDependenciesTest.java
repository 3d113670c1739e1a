package io.cascade;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * Pins the layering the packages promise: the media core depends on nothing; {@code http} knows
 * Netty, the media core and the network gate only (stream lookup lives above it, in
 * {@code httpstream}); {@code rtmp} is the protocol, never the wiring to streams (that is
 * {@code rtmpstream}'s job); viewer sessions depend on nothing, play authorization on sessions
 * and the config only, so every protocol can call it. Checked on the sources, so a fully qualified name counts as much as
 * an import.
 */
class PackageDependenciesTest {
    private static final Path ROOT = Path.of("src/main/java/io/cascade");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.cascade\\.(\\w+)");

    @ParameterizedTest(name = "{0} uses only {1}")
    @CsvSource(delimiter = ';', value = {
            "media; media",
            "codec; codec media",
            "http; http media net",
            "rtmp; rtmp media codec amf net",
            "dvr; dvr media cmaf config stream net",
            "session; session",
            "auth; auth session config net",
    })
    void aPackageReferencesOnlyWhatItMay(String pkg, String allowed) throws IOException {
        Path sources = ROOT.resolve(pkg);
        assertThat(sources).as("run from the project directory").isDirectory();
        Set<String> may = Set.of(allowed.split(" "));
        Set<String> found = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    seen.add(m.group(1));
                    if (!may.contains(m.group(1))) {
                        found.add(sources.relativize(file) + " -> io.cascade." + m.group(1));
                    }
                }
            }
        }
        assertThat(seen).as("the scan sees the package's own references").contains(pkg);
        assertThat(found).as(pkg + " must use only " + may).isEmpty();
    }
}
