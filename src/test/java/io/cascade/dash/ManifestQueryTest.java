package io.cascade.dash;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestQueryTest {
    @Test
    void templateUrisGetTheQuery() {
        String mpd = "<SegmentTemplate timescale=\"90000\" initialization=\"init-v1.mp4\" "
                + "media=\"seg-v1-t$Time$.m4s\"><SegmentTimeline/></SegmentTemplate><BaseURL>x</BaseURL>";
        assertThat(ManifestQuery.append(mpd, "session=abc")).isEqualTo("<SegmentTemplate timescale=\"90000\" "
                + "initialization=\"init-v1.mp4?session=abc\" media=\"seg-v1-t$Time$.m4s?session=abc\">"
                + "<SegmentTimeline/></SegmentTemplate><BaseURL>x</BaseURL>");
    }
}
