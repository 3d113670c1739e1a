package io.cascade.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangeTest {
    private static ByteRange.Answer of(String header) {
        return ByteRange.of(header, null, 1000);
    }

    @Test
    void readsTheThreeFormsOfOneRange() {
        assertThat(of("bytes=0-187")).isEqualTo(new ByteRange.Part(new ByteRange(0, 187)));
        assertThat(of("bytes=100-")).isEqualTo(new ByteRange.Part(new ByteRange(100, 999)));
        assertThat(of("bytes=-500")).isEqualTo(new ByteRange.Part(new ByteRange(500, 999)));
        assertThat(of("bytes=-5000")).isEqualTo(new ByteRange.Part(new ByteRange(0, 999)));
        assertThat(of("Bytes=10-20")).isEqualTo(new ByteRange.Part(new ByteRange(10, 20)));
        assertThat(of("bytes=999-99999999999999999999999")).isEqualTo(new ByteRange.Part(new ByteRange(999, 999)));
    }

    @Test
    void aRangeFromTheEndOnIsUnsatisfiable() {
        assertThat(of("bytes=1000-")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(of("bytes=99999999999999999999999-")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(of("bytes=-0")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of("bytes=0-", null, 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void anythingElseMeansTheWholeBody() {
        for (String h : new String[] {null, "", "bytes=", "bytes=-", "bytes=5-1", "bytes=0-1,3-4", "pages=1-2",
                "bytes=+1-2", "bytes=1-2-3", "bytes=" + "1".repeat(200) + "-"}) {
            assertThat(of(h)).as(String.valueOf(h)).isInstanceOf(ByteRange.Whole.class);
        }
        assertThat(ByteRange.of("bytes=0-1", "Wed, 21 Oct 2015 07:28:00 GMT", 1000)).isInstanceOf(ByteRange.Whole.class);
    }

    @Test
    void describesItselfForContentRange() {
        assertThat(new ByteRange(0, 187).contentRange(1000)).isEqualTo("bytes 0-187/1000");
        assertThat(new ByteRange(0, 187).length()).isEqualTo(188);
    }
}
