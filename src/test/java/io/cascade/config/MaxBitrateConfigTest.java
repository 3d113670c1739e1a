package io.cascade.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaxBitrateConfigTest {

    @Test
    void defaultsTo50MbitAndIsReadInMbitPerSecond() throws Exception {
        assertThat(ConfigLoader.parse("http 8080;", "a.conf").maxBitrate()).isEqualTo(50_000_000L);
        assertThat(ConfigLoader.parse("max_bitrate 120;", "a.conf").maxBitrate()).isEqualTo(120_000_000L);
    }

    @Test
    void outOfRangeOrMisplacedIsAnErrorAtItsPlace() {
        assertThatThrownBy(() -> ConfigLoader.parse("max_bitrate 0;", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.conf:1:13");
        assertThatThrownBy(() -> ConfigLoader.parse("max_bitrate lots;", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.conf:1:13");
        assertThatThrownBy(() -> ConfigLoader.parse("stream a { input publish://; max_bitrate 5; }", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_bitrate");
    }
}
