package io.cascade.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlayAccessConfigTest {
    private static List<String> errorsOf(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(text, "c.conf"));
        assertThat(e).as("expected errors in:\n%s", text).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void onPlayTakesAnAllowDefaultOptionAndProtocolsBothForms() throws ConfigException {
        ServerConfig c = ConfigLoader.parse("""
                stream a { input publish://; on_play http://auth/check allow_default; protocols -rtsp -mpegts; }
                stream b { input publish://; on_play http://auth/check; protocols hls dash; }
                stream c { input publish://; }
                source origin:80 { on_play http://auth/x allow_default; protocols -rtmp; }
                """, "c.conf");
        StreamConfig a = c.streams().get(0);
        assertThat(a.onPlay()).contains("http://auth/check");
        assertThat(a.access().allowDefault()).isTrue();
        assertThat(a.access().protocols()).containsExactlyInAnyOrder("hls", "dash", "rtmp");
        assertThat(a.access().allows("tshttp")).isFalse();
        StreamConfig b = c.streams().get(1);
        assertThat(b.access().allowDefault()).isFalse();
        assertThat(b.access().protocols()).isEqualTo(Set.of("hls", "dash"));
        assertThat(c.streams().get(2).access()).isEqualTo(PlayAccess.OPEN);
        SourceConfig s = c.sources().getFirst();
        assertThat(s.access().allowDefault()).isTrue();
        assertThat(s.access().allows("rtmp")).isFalse();
    }

    @Test
    void badOptionsAndProtocolsAreReportedWhereTheyAre() {
        assertThat(errorsOf("stream a { input publish://; on_play http://auth/x allow; }"))
                .containsExactly("c.conf:1:52: unknown on_play option 'allow': expected 'allow_default'");
        assertThat(errorsOf("stream a { input publish://; on_play ftp://auth/x; }"))
                .containsExactly("c.conf:1:38: invalid on_play URL 'ftp://auth/x': expected http://HOST[:PORT]/PATH");
        assertThat(errorsOf("stream a { input publish://; protocols hls webrtc; }"))
                .containsExactly("c.conf:1:44: unknown protocol 'webrtc': expected one of dash, hls, mpegts, rtmp, rtsp");
        assertThat(errorsOf("stream a { input publish://; protocols hls -dash; }")).hasSize(1)
                .allMatch(e -> e.startsWith("c.conf:1:44: '-dash': either list"));
    }
}
