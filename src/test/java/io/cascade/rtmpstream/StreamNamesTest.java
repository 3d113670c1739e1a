package io.cascade.rtmpstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamNamesTest {
    @Test
    void theWholePathComesFirstThenEachShorterTail() {
        assertThat(StreamNames.candidates("static", "news/one")).containsExactly("static/news/one", "news/one", "one");
        assertThat(StreamNames.candidates("static/news", "one")).containsExactly("static/news/one", "news/one", "one");
        assertThat(StreamNames.candidates("news", "one")).containsExactly("news/one", "one");
        assertThat(StreamNames.candidates("static", "cam1")).containsExactly("static/cam1", "cam1");
    }

    @Test
    void anEmptyAppAndStraySlashesAreHarmless() {
        assertThat(StreamNames.candidates("", "cam1")).containsExactly("cam1");
        assertThat(StreamNames.candidates("static/", "/cam1/")).containsExactly("static/cam1", "cam1");
        assertThat(StreamNames.candidates("", "")).isEmpty();
    }
}
