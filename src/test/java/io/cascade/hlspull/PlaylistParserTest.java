package io.cascade.hlspull;

import io.cascade.input.InputFormatException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaylistParserTest {
    private static final URI BASE = URI.create("http://origin.example/live/ch1/index.m3u8");

    @Test
    void aMasterPlaylistListsItsVariantsResolvedAgainstIt() throws Exception {
        String text = """
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-STREAM-INF:BANDWIDTH=800000,AVERAGE-BANDWIDTH=700000,CODECS="avc1.4d401f,mp4a.40.2"
                low/mono.m3u8
                #EXT-X-STREAM-INF:CODECS="avc1.640028",BANDWIDTH=3000000,RESOLUTION=1280x720
                http://other.example/hd.m3u8
                """;
        assertThat(PlaylistParser.isMaster(text)).isTrue();
        List<Variant> variants = PlaylistParser.master(text, BASE);
        assertThat(variants).containsExactly(
                new Variant(URI.create("http://origin.example/live/ch1/low/mono.m3u8"), 800_000),
                new Variant(URI.create("http://other.example/hd.m3u8"), 3_000_000));
        assertThat(HlsPullInput.choose(variants, 0).bandwidth()).isEqualTo(3_000_000);
        assertThat(HlsPullInput.choose(variants, 1_000_000).bandwidth()).isEqualTo(800_000);
        assertThat(HlsPullInput.choose(variants, 100).bandwidth()).as("none fits: the lowest").isEqualTo(800_000);
    }

    @Test
    void aMediaPlaylistNumbersItsSegmentsAndCarriesMapAndDiscontinuity() throws Exception {
        String text = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:1041
                #EXT-X-MAP:URI="init-3.mp4"
                #EXTINF:2.000,
                s1041.m4s
                #EXT-X-DISCONTINUITY
                #EXT-X-PROGRAM-DATE-TIME:2026-12-02T17:00:00Z
                #EXTINF:1.960,title
                s1042.m4s
                """;
        MediaPlaylist p = PlaylistParser.media(text, BASE);
        assertThat(p.targetDuration()).isEqualTo(2);
        assertThat(p.ended()).isFalse();
        assertThat(p.segments()).hasSize(2);
        PlaylistSegment a = p.segments().get(0);
        PlaylistSegment b = p.segments().get(1);
        assertThat(a.sequence()).isEqualTo(1041);
        assertThat(a.discontinuity()).isFalse();
        assertThat(a.map()).contains(URI.create("http://origin.example/live/ch1/init-3.mp4"));
        assertThat(b.sequence()).isEqualTo(1042);
        assertThat(b.duration()).isEqualTo(1.96);
        assertThat(b.discontinuity()).isTrue();
        assertThat(b.uri()).isEqualTo(URI.create("http://origin.example/live/ch1/s1042.m4s"));
        assertThat(PlaylistParser.media(text + "#EXT-X-ENDLIST\n", BASE).ended()).isTrue();
    }

    @Test
    void brokenPlaylistsSayWhatIsWrong() {
        assertThatThrownBy(() -> PlaylistParser.media("<html>not found</html>", BASE))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("not an HLS playlist");
        assertThatThrownBy(() -> PlaylistParser.media("#EXTM3U\n#EXTINF:2,\na.ts\n", BASE))
                .hasMessageContaining("TARGETDURATION");
        assertThatThrownBy(() -> PlaylistParser.media("#EXTM3U\n#EXT-X-TARGETDURATION:2\na.ts\n", BASE))
                .hasMessageContaining("without #EXTINF");
        assertThatThrownBy(() -> PlaylistParser.media("#EXTM3U\n#EXT-X-TARGETDURATION:x\n", BASE))
                .hasMessageContaining("no number");
        assertThatThrownBy(() -> PlaylistParser.media("#EXTM3U\n#EXT-X-TARGETDURATION:1e12\n", BASE))
                .hasMessageContaining("no number");
        assertThatThrownBy(() -> PlaylistParser.media("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:///etc/passwd\n", BASE))
                .hasMessageContaining("only http(s)");
        assertThatThrownBy(() -> PlaylistParser.media(
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-KEY:METHOD=AES-128,URI=\"k\"\n", BASE))
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PlaylistParser.media(
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n#EXT-X-BYTERANGE:1000@0\nall.ts\n", BASE))
                .hasMessageContaining("byte-range");
        assertThatThrownBy(() -> PlaylistParser.master("#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=1x1\na.m3u8\n", BASE))
                .hasMessageContaining("BANDWIDTH");
        assertThatThrownBy(() -> PlaylistParser.media("#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
                + "#EXTINF:1,\na.ts\n".repeat(PlaylistParser.MAX_SEGMENTS + 1), BASE))
                .hasMessageContaining("more than");
    }

    @Test
    void theBandwidthOptionIsOursAndLeavesTheOriginsQueryAlone() {
        URI u = URI.create("http://o.example/live/index.m3u8?token=abc&bandwidth=900000");
        assertThat(HlsPullInput.bandwidthOption(u, "hls://x")).isEqualTo(900_000);
        assertThat(HlsPullInput.withoutBandwidth(u)).isEqualTo(URI.create("http://o.example/live/index.m3u8?token=abc"));
        assertThat(HlsPullInput.withoutBandwidth(URI.create("http://o.example/a.m3u8?bandwidth=1")))
                .isEqualTo(URI.create("http://o.example/a.m3u8"));
        assertThatThrownBy(() -> new HlsPullInput("hls://o.example/a.m3u8?bandwidth=lots"))
                .hasMessageContaining("bandwidth");
    }
}
