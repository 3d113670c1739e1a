package io.cascade.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GzipTest {
    @Test
    void acceptsGzipOnlyWhenTheRequestDoes() {
        assertThat(Gzip.accepted("gzip")).isTrue();
        assertThat(Gzip.accepted("deflate, gzip;q=1.0, *;q=0.5")).isTrue();
        assertThat(Gzip.accepted("br, x-gzip")).isTrue();
        assertThat(Gzip.accepted("*")).isTrue();
        assertThat(Gzip.accepted(null)).isFalse();
        assertThat(Gzip.accepted("identity")).isFalse();
        assertThat(Gzip.accepted("gzip;q=0")).isFalse();
        assertThat(Gzip.accepted("*, gzip;q=0")).isFalse();
        assertThat(Gzip.accepted("gzip;q=zero")).isFalse();
    }

    @Test
    void compressesTextTypesOnly() {
        assertThat(Gzip.suits("application/vnd.apple.mpegurl")).isTrue();
        assertThat(Gzip.suits("application/dash+xml")).isTrue();
        assertThat(Gzip.suits("application/json")).isTrue();
        assertThat(Gzip.suits("video/mp2t")).isFalse();
        assertThat(Gzip.suits("video/iso.segment")).isFalse();
        assertThat(Gzip.suits("video/mp4")).isFalse();
        assertThat(Gzip.suits("application/x-m4f")).isFalse();
    }
}
