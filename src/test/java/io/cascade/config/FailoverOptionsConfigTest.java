package io.cascade.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code backup FILE [timeout=S]} and the failover options of {@code input}, read and checked where written. */
class FailoverOptionsConfigTest {
    private static List<String> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(text, "c.conf"));
        assertThat(e).as("expected errors in:\n%s", text).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void backupTakesAnOptionalTimeoutInStreamsAndSources() throws Exception {
        ServerConfig c = ConfigLoader.parse("""
                stream a { input udp://239.0.0.1:1234 source_timeout=5 priority=1; backup slate.mp4 timeout=1.5; }
                stream b { input publish://; backup slate.ts; }
                source origin:8080 { backup vod/slate.mp4 timeout=7; }
                """, "c.conf");
        assertThat(c.streams().get(0).backup()).contains(new BackupConfig("slate.mp4", Duration.ofMillis(1500)));
        assertThat(c.streams().get(0).inputs().get(0).options()).containsEntry("source_timeout", "5")
                .containsEntry("priority", "1");
        assertThat(c.streams().get(1).backup()).contains(new BackupConfig("slate.ts", BackupConfig.DEFAULT_TIMEOUT));
        assertThat(c.sources().get(0).backup()).contains(new BackupConfig("vod/slate.mp4", Duration.ofSeconds(7)));
    }

    @Test
    void badValuesArePointedAt() {
        assertThat(errorsOf("stream a { input publish://; backup s.mp4 timeout=soon; }"))
                .containsExactly("c.conf:1:43: invalid backup timeout 'soon': expected seconds from 0.1 to 3600");
        assertThat(errorsOf("stream a { input publish://; backup s.mp4 loop=yes; }"))
                .containsExactly("c.conf:1:43: invalid backup option 'loop=yes': expected timeout=SECONDS");
        assertThat(errorsOf("stream a { input udp://239.0.0.1:1 source_timeout=0; }"))
                .containsExactly("c.conf:1:36: invalid source_timeout '0': expected a whole number from 1 to 3600");
        assertThat(errorsOf("stream a { input udp://239.0.0.1:1 priority=first; }"))
                .containsExactly("c.conf:1:36: invalid priority 'first': expected a whole number from 0 to 1000");
    }
}
