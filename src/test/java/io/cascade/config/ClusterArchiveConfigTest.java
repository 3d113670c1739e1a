package io.cascade.config;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dvr_cache} and {@code dvr … replicate [replicate_rate=SIZE]}. */
class ClusterArchiveConfigTest {

    @Test
    void dvrCacheDefaultsTo256MiBAndTakesAUnit() throws Exception {
        assertThat(ConfigLoader.parse("http 8080;", "a.conf").dvrCacheBytes()).isEqualTo(256L << 20);
        assertThat(ConfigLoader.parse("dvr_cache 64M;", "a.conf").dvrCacheBytes()).isEqualTo(64L << 20);
        assertThat(ConfigLoader.parse("dvr_cache 2G;", "a.conf").dvrCacheBytes()).isEqualTo(2L << 30);
        assertThat(ConfigLoader.parse("dvr_cache 4096;", "a.conf").dvrCacheBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> ConfigLoader.parse("dvr_cache 5T;", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.conf:1:11");
        assertThatThrownBy(() -> ConfigLoader.parse("stream a { input publish://; dvr_cache 5M; }", "a.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dvr_cache");
    }

    @Test
    void replicateInASourceBlockWithOrWithoutARate() throws Exception {
        DvrConfig plain = ConfigLoader.parse("source o:80 { dvr /d 1d 90%; }", "a.conf").sources().get(0).dvr().orElseThrow();
        assertThat(plain.replicateRate()).isEmpty();
        assertThat(plain.diskLimitPercent()).hasValue(90);
        DvrConfig replicate = ConfigLoader.parse("source o:80 { dvr /d 1d replicate; }", "a.conf").sources().get(0).dvr().orElseThrow();
        assertThat(replicate.replicateRate()).isEqualTo(OptionalLong.of(DvrConfig.DEFAULT_REPLICATE_RATE));
        DvrConfig rated = ConfigLoader.parse("source o:80 { dvr /d 1d replicate_rate=512K 95%; }", "a.conf")
                .sources().get(0).dvr().orElseThrow();
        assertThat(rated.replicateRate()).isEqualTo(OptionalLong.of(512L << 10));
        assertThat(rated.diskLimitPercent()).hasValue(95);
    }
}
