package io.cascade.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The directives that bound every listener's connections, and what --check warns about. */
class ListenerLimitsConfigTest {
    private static List<String> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(text, "c.conf"));
        assertThat(e).as("expected errors in:\n%s", text).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void limitsDefaultWhenNotWritten() throws Exception {
        assertThat(ConfigLoader.parse("http 8080;", "c.conf").limits()).isEqualTo(ListenerLimits.DEFAULTS);
        assertThat(ListenerLimits.DEFAULTS).isEqualTo(new ListenerLimits(10_000, 1_000, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(10)));
    }

    @Test
    void limitsAreRead() throws Exception {
        ServerConfig c = ConfigLoader.parse("max_connections 500;\nmax_connections_per_ip 20;\n"
                + "request_timeout 2.5;\nkeepalive_timeout 30;\nrtmp_timeout 4;\n", "c.conf");
        assertThat(c.limits()).isEqualTo(new ListenerLimits(500, 20, Duration.ofMillis(2500), Duration.ofSeconds(30),
                Duration.ofSeconds(4)));
    }

    @Test
    void badLimitsAreReportedAtTheirArgument() {
        assertThat(errorsOf("max_connections 0;\nmax_connections_per_ip many;\nrequest_timeout 0;\n"
                + "keepalive_timeout 99999;\n")).containsExactly(
                "c.conf:1:17: invalid number '0': expected a whole number from 1 to 1000000",
                "c.conf:2:24: invalid number 'many': expected a whole number from 1 to 1000000",
                "c.conf:3:17: invalid timeout '0': expected seconds from 0.1 to 3600",
                "c.conf:4:19: invalid timeout '99999': expected seconds from 0.1 to 3600");
        assertThat(errorsOf("stream a { input publish://; max_connections 5; }")).singleElement().asString()
                .contains("'max_connections' is not allowed inside a 'stream' block");
    }

    @Test
    void aBadRtmpTimeoutIsReportedAtItsArgument() {
        assertThat(errorsOf("rtmp_timeout 0.001;\nrequest_timeout 0.1;\n")).as("a millisecond is a typo; 0.1 s is allowed")
                .containsExactly("c.conf:1:14: invalid timeout '0.001': expected seconds from 0.1 to 3600");
        assertThat(errorsOf("rtmp_timeout 0;\n")).containsExactly(
                "c.conf:1:14: invalid timeout '0': expected seconds from 0.1 to 3600");
    }

    @Test
    void aTokenWithNewlinesStaysOnTheLineOfItsPosition() {
        List<String> errors = errorsOf("stream a {\n  input \"rtpm://x\ny\nz\";\n}\n");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("c.conf:2:9: ").contains("rtpm").doesNotContain("\n");
        assertThat(errorsOf("cluster_key \"\";\nsegments \"1\n2\";")).allSatisfy(line ->
                assertThat(line).matches("c\\.conf:\\d+:\\d+: [^\\n]*"));
        assertThat(errorsOf("segments \"1\n2\u0000\";")).containsExactly(
                "c.conf:1:10: invalid number '1\\n2\\u0000': expected a whole number from 3 to 10000");
    }

    @Test
    void checkWarnsAboutMissingInputFilesWithTheirPosition(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("there.mp4"), "x");
        Path conf = dir.resolve("c.conf");
        Files.writeString(conf, "stream a {\n  input file://there.mp4;\n  input   file://gone.mp4;\n}\n"
                + "stream b { input publish://; }\nstream c { input \"file://" + dir.resolve("also-gone.ts") + "\"; }\n");
        ConfigLoader.Checked checked = ConfigLoader.check(conf);
        assertThat(checked.config().streams()).hasSize(3);
        assertThat(checked.warnings()).extracting(ConfigError::toString).containsExactly(
                conf + ":3:11: warning: input file 'gone.mp4' does not exist (" + dir.resolve("gone.mp4") + ")",
                conf + ":6:18: warning: input file '" + dir.resolve("also-gone.ts") + "' does not exist ("
                        + dir.resolve("also-gone.ts") + ")");
    }
}
