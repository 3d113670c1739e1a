package io.cascade.hls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaylistQueryTest {
    @Test
    void everyUriGetsTheQueryAndNothingElseChanges() {
        String playlist = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-MAP:URI="init-1.mp4"
                #EXTINF:2.000,
                2026/11/24/10/00/02-02000.m4s
                #EXT-X-MAP:URI="init-2.mp4?x=1"
                #EXTINF:2.000,
                2026/11/24/10/00/04-02000.m4s
                """;
        assertThat(PlaylistQuery.append(playlist, "session=abc")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-MAP:URI="init-1.mp4?session=abc"
                #EXTINF:2.000,
                2026/11/24/10/00/02-02000.m4s?session=abc
                #EXT-X-MAP:URI="init-2.mp4?x=1&session=abc"
                #EXTINF:2.000,
                2026/11/24/10/00/04-02000.m4s?session=abc
                """);
        assertThat(PlaylistQuery.append("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nmono.m3u8\n", "token=t%26"))
                .isEqualTo("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nmono.m3u8?token=t%26\n");
    }
}
