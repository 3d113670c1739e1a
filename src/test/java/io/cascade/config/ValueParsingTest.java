package io.cascade.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsingTest {

    @Test
    void hostPortForms() {
        assertThat(HostPort.parse("streamer:8081")).isEqualTo(new HostPort("streamer", 8081));
        assertThat(HostPort.parse("origin")).isEqualTo(new HostPort("origin", 80));
        assertThat(HostPort.parse("10.0.0.1:1")).isEqualTo(new HostPort("10.0.0.1", 1));
        assertThat(HostPort.parse("[::1]:65535")).isEqualTo(new HostPort("::1", 65535));
        assertThat(HostPort.parse("[fe80::1]")).isEqualTo(new HostPort("fe80::1", 80));
    }

    @Test
    void hostPortPrintsBackToAParsableForm() {
        assertThat(new HostPort("a", 80)).hasToString("a:80");
        assertThat(new HostPort("::1", 8080)).hasToString("[::1]:8080");
        assertThat(HostPort.parse(new HostPort("::1", 8080).toString())).isEqualTo(new HostPort("::1", 8080));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:", "a:0", "a:65536", "a:x", "::1", "[::1", "[::1]x", "[zz]:1", "a b", ":80",
            "-a", "a:99999999999"})
    void badHostPortIsRejectedWithAMessage(String text) {
        assertThatThrownBy(() -> HostPort.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid address '" + text + "'");
    }

    @Test
    void dvrDepthUnits() {
        assertThat(DvrConfig.parseDepth("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DvrConfig.parseDepth("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(DvrConfig.parseDepth("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DvrConfig.parseDepth("3600s")).isEqualTo(Duration.ofHours(1));
        assertThat(DvrConfig.parseDepth("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2x", "0", "0d", "d", "-1d", "1.5h", "2D", "", "9999999999d"})
    void badDvrDepth(String text) {
        assertThatThrownBy(() -> DvrConfig.parseDepth(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid DVR depth '" + text + "'");
    }

    @Test
    void dvrDiskLimit() {
        assertThat(DvrConfig.parseDiskLimit("97%")).isEqualTo(97);
        assertThat(DvrConfig.parseDiskLimit("1%")).isEqualTo(1);
        assertThat(DvrConfig.parseDiskLimit("100%")).isEqualTo(100);
        for (String bad : new String[] {"150%", "0%", "97", "%", "101%", "-5%"}) {
            assertThatThrownBy(() -> DvrConfig.parseDiskLimit(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid disk limit '" + bad + "'");
        }
    }

    @Test
    void dvrConfigRejectsNonsenseValues() {
        assertThatThrownBy(() -> new DvrConfig("/s", Duration.ZERO, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DvrConfig("/s", Duration.ofDays(1), OptionalInt.of(101)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputSchemes() {
        assertThat(InputConfig.schemeOf("publish://")).isEqualTo("publish");
        assertThat(InputConfig.schemeOf("RTSP://cam/1")).isEqualTo("rtsp");
        assertThat(InputConfig.schemeOf("udp://239.0.0.1:1234")).isEqualTo("udp");
        assertThatThrownBy(() -> InputConfig.schemeOf("http://x")).hasMessageStartingWith("unsupported input scheme 'http'");
        assertThatThrownBy(() -> InputConfig.schemeOf("://x")).hasMessageContaining("has no scheme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "live/news_hd-1.0", "a/b/c"})
    void validStreamNames(String name) {
        StreamConfig.checkName(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "a/../b", "..", "a b", "a?b", "a*", "é"})
    void invalidStreamNames(String name) {
        assertThatThrownBy(() -> StreamConfig.checkName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid stream name");
    }
}
