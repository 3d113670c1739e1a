package io.cascade.hls;

import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentTarget;
import io.cascade.media.Timebase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import static io.cascade.hls.Windows.T0;
import static io.cascade.hls.Windows.TWO_SECONDS;
import static io.cascade.hls.Windows.discontinuity;
import static io.cascade.hls.Windows.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HlsPlaylistsTest {
    private static final SegmentTarget TARGET = new SegmentTarget(2);

    @Test
    void tsMediaPlaylistOfThreeSegments() {
        assertThat(HlsPlaylists.media(Windows.threeSegments(), 0, SegmentFormat.TS, false, TARGET)).isEqualTo("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-VERSION:3
                #EXT-X-MEDIA-SEQUENCE:100
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:00.000Z
                #EXTINF:2.000,
                2026/11/24/10/00/00-02000.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:02.000Z
                #EXTINF:2.000,
                2026/11/24/10/00/02-02000.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:04.000Z
                #EXTINF:2.000,
                2026/11/24/10/00/04-02000.ts
                """);
    }

    @Test
    void fmp4MediaPlaylistMapsTheInitAndEndsWhenAsked() {
        assertThat(HlsPlaylists.media(Windows.threeSegments(), 0, SegmentFormat.FMP4, true, TARGET)).isEqualTo("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-VERSION:7
                #EXT-X-MEDIA-SEQUENCE:100
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:00.000Z
                #EXTINF:2.000,
                2026/11/24/10/00/00-02000.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:02.000Z
                #EXTINF:2.000,
                2026/11/24/10/00/02-02000.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:04.000Z
                #EXTINF:2.000,
                2026/11/24/10/00/04-02000.m4s
                #EXT-X-ENDLIST
                """);
    }

    @Test
    void newInitVersionGetsANewMap() {
        Segment a = segment(1, T0, TWO_SECONDS);
        Segment b = Segment.complete(2, T0 + TWO_SECONDS, TWO_SECONDS, Windows.init(2), true, new byte[0]);
        String text = HlsPlaylists.media(List.of(a, b), 0, SegmentFormat.FMP4, false, TARGET,
                init -> "init-" + init.version() + ".mp4");
        assertThat(text).contains("""
                #EXT-X-MEDIA-SEQUENCE:1
                #EXT-X-MAP:URI="init-1.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:00.000Z
                """).contains("""
                2026/11/24/10/00/00-02000.m4s
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="init-2.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:02.000Z
                """);
        assertThat(HlsPlaylists.media(List.of(a, b), 0, SegmentFormat.TS, false, TARGET)).doesNotContain("EXT-X-MAP");
    }

    @Test
    void targetDurationIsTheStreamsWhateverTheWindowHolds() {
        assertThat(targetOf(2, 2 * Timebase.HZ, 2 * Timebase.HZ)).isEqualTo(2);
        assertThat(targetOf(2, Timebase.HZ / 3, 0)).as("short segments do not lower it").isEqualTo(2);
        assertThat(targetOf(3, 2 * Timebase.HZ)).isEqualTo(3);
        assertThat(targetOf(2, new SegmentTarget(2).maxTicks())).as("the longest a segmenter makes").isEqualTo(2);
        assertThat(targetOf(2, 2 * Timebase.HZ + 499 * 90 + 44)).as("2.499 s rounds to 2").isEqualTo(2);
    }

    @Test
    void aSegmentLongerThanTheTargetAllowsRaisesItRatherThanBreakThePlaylist() {
        assertThat(targetOf(2, 2 * Timebase.HZ + 45_000)).as("2.500 s rounds to 3").isEqualTo(3);
        assertThat(targetOf(2, 26_545_436_640L)).isEqualTo(294_949);
    }

    @Test
    void targetFollowsTheRoundingRuleOfRfc8216() {
        assertThat(SegmentTarget.forDuration(2 * Timebase.HZ).targetSeconds()).isEqualTo(2);
        assertThat(SegmentTarget.forDuration(Timebase.HZ * 3 / 2).targetSeconds()).isEqualTo(2);
        assertThat(SegmentTarget.forDuration(Timebase.HZ / 2).targetSeconds()).isEqualTo(1);
        assertThat(SegmentTarget.forDuration(2 * Timebase.HZ + 1).targetSeconds()).isEqualTo(3);
        assertThat(SegmentTarget.forDuration(60 * Timebase.HZ).targetSeconds()).isEqualTo(60);
        assertThat(new SegmentTarget(2).maxTicks()).isEqualTo(2 * Timebase.HZ + 499 * 90);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 44, 45, 89_999, 90_000, 134_999, 135_000, 180_000, 224_910, 224_954})
    void everyExtinfRoundedFitsTheTargetDuration(long duration) {
        String text = HlsPlaylists.media(List.of(segment(1, T0, duration), segment(2, T0 + duration, 90_000)),
                0, SegmentFormat.TS, false, TARGET);
        long target = Long.parseLong(valueOf(text, "#EXT-X-TARGETDURATION:"));
        assertThat(target).isEqualTo(2);
        text.lines().filter(l -> l.startsWith("#EXTINF:")).forEach(l -> {
            double seconds = Double.parseDouble(l.substring(8, l.length() - 1));
            assertThat(Math.round(seconds)).isLessThanOrEqualTo(target);
        });
    }

    @Test
    void discontinuityIsTaggedBeforeTheFlaggedSegmentButNotAtTheTop() {
        List<Segment> window = List.of(segment(5, T0, TWO_SECONDS),
                discontinuity(6, T0 + 10 * TWO_SECONDS, TWO_SECONDS),
                segment(7, T0 + 11 * TWO_SECONDS, TWO_SECONDS));
        String text = HlsPlaylists.media(window, 0, SegmentFormat.TS, false, TARGET);
        assertThat(text).doesNotContain("#EXT-X-DISCONTINUITY-SEQUENCE")
                .contains("""
                        2026/11/24/10/00/00-02000.ts
                        #EXT-X-DISCONTINUITY
                        #EXT-X-PROGRAM-DATE-TIME:2026-11-24T10:00:20.000Z
                        """);
        assertThat(text.split("#EXT-X-DISCONTINUITY\n", -1)).hasSize(2);

        String slid = HlsPlaylists.media(window.subList(1, 3), 0, SegmentFormat.TS, false, TARGET);
        assertThat(slid).doesNotContain("#EXT-X-DISCONTINUITY\n")
                .contains("#EXT-X-MEDIA-SEQUENCE:6\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n");

        String slidFurther = HlsPlaylists.media(window.subList(2, 3), 1, SegmentFormat.TS, false, TARGET);
        assertThat(valueOf(slidFurther, "#EXT-X-DISCONTINUITY-SEQUENCE:")).isEqualTo("1");
    }

    @Test
    void earlierDiscontinuitiesSetTheSequence() {
        String text = HlsPlaylists.media(Windows.threeSegments(), 4, SegmentFormat.TS, false, TARGET);
        assertThat(text).contains("#EXT-X-MEDIA-SEQUENCE:100\n#EXT-X-DISCONTINUITY-SEQUENCE:4\n")
                .doesNotContain("#EXT-X-DISCONTINUITY\n");
    }

    @Test
    void programDateTimeIsTheExactStartInMilliseconds() {
        long start = T0 + 7_777_777L; // not on a millisecond: 86.419744... s
        String text = HlsPlaylists.media(List.of(segment(1, start, TWO_SECONDS)), 0, SegmentFormat.TS, false, TARGET);
        Instant expected = Timebase.toInstant(start).truncatedTo(ChronoUnit.MILLIS);
        assertThat(Instant.parse(valueOf(text, "#EXT-X-PROGRAM-DATE-TIME:"))).isEqualTo(expected);
        assertThat(valueOf(text, "#EXT-X-PROGRAM-DATE-TIME:")).isEqualTo("2026-11-24T10:01:26.419Z");
        assertThat(HlsPlaylists.programDateTime(T0 + 90)).isEqualTo("2026-11-24T10:00:00.001Z");
    }

    @Test
    void everySegmentHasItsProgramDateTime() {
        String text = HlsPlaylists.media(Windows.threeSegments(), 0, SegmentFormat.TS, false, TARGET);
        assertThat(text.lines().filter(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:"))).hasSize(3);
        assertThat(text).doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void rejectsWindowsThatCannotBeAPlaylist() {
        Segment open = new Segment(3, T0, Windows.INIT, false);
        assertThatThrownBy(() -> HlsPlaylists.media(List.of(), 0, SegmentFormat.TS, false, TARGET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> HlsPlaylists.media(List.of(open), 0, SegmentFormat.TS, false, TARGET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not closed");
        assertThatThrownBy(() -> HlsPlaylists.media(List.of(segment(2, T0, 1), segment(2, T0 + 1, 1)), 0,
                SegmentFormat.TS, false, TARGET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HlsPlaylists.media(Windows.threeSegments(), -1, SegmentFormat.TS, false, TARGET))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HlsPlaylists.media(Windows.threeSegments(), 0, SegmentFormat.FMP4, false, TARGET,
                init -> "a\"b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masterPointsToTheMediaPlaylist() {
        StreamPlaylistInfo info = new StreamPlaylistInfo("avc1.4D401F,mp4a.40.2", 2_500_000, 1280, 720, 25);
        assertThat(HlsPlaylists.master(info)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=2500000,CODECS="avc1.4D401F,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=25.000
                mono.m3u8
                """);
    }

    @Test
    void fmp4MasterPointsToTheFmp4MediaPlaylistAtItsVersion() {
        StreamPlaylistInfo info = new StreamPlaylistInfo("avc1.4D401F,mp4a.40.5", 2_500_000, 1280, 720, 25);
        assertThat(HlsPlaylists.master(info, SegmentFormat.FMP4)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=2500000,CODECS="avc1.4D401F,mp4a.40.5",RESOLUTION=1280x720,FRAME-RATE=25.000
                mono.fmp4.m3u8
                """);
        assertThat(HlsPlaylists.master(info, SegmentFormat.TS)).isEqualTo(HlsPlaylists.master(info));
    }

    @Test
    void audioOnlyMasterHasNoResolution() {
        InitSegment audio = new InitSegment(1, List.of(Windows.INIT.tracks().get(1)), new byte[0]);
        String text = HlsPlaylists.master(StreamPlaylistInfo.of(audio, "mp4a.40.2", 128_000));
        assertThat(text).contains("#EXT-X-STREAM-INF:BANDWIDTH=128000,CODECS=\"mp4a.40.2\"\n")
                .doesNotContain("RESOLUTION").doesNotContain("FRAME-RATE");
    }

    @Test
    void masterInfoComesFromTheVideoTrack() {
        StreamPlaylistInfo info = StreamPlaylistInfo.of(Windows.init(1), "avc1.64001F,mp4a.40.2", 3_000_000);
        assertThat(info).isEqualTo(new StreamPlaylistInfo("avc1.64001F,mp4a.40.2", 3_000_000, 1280, 720, 25));
        assertThat(HlsPlaylists.master(new StreamPlaylistInfo("avc1.64001F", 1, 640, 360, 30000.0 / 1001)))
                .contains(",FRAME-RATE=29.970\n");
    }

    @Test
    void masterInfoRejectsWhatCannotBeWritten() {
        assertThatThrownBy(() -> new StreamPlaylistInfo("avc1\",x", 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamPlaylistInfo("avc1\n", 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamPlaylistInfo("avc1", 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamPlaylistInfo("avc1", 1, 640, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamPlaylistInfo("avc1", 1, 640, 360, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long targetOf(long targetSeconds, long... durations) {
        Segment[] segments = new Segment[durations.length];
        long start = T0;
        for (int i = 0; i < durations.length; i++) {
            segments[i] = segment(i + 1, start, durations[i]);
            start += durations[i];
        }
        SegmentTarget target = new SegmentTarget(targetSeconds);
        String text = HlsPlaylists.media(Arrays.asList(segments), 0, SegmentFormat.TS, false, target);
        long written = Long.parseLong(valueOf(text, "#EXT-X-TARGETDURATION:"));
        assertThat(HlsPlaylists.targetDuration(target, Arrays.asList(segments))).isEqualTo(written);
        return written;
    }

    private static String valueOf(String playlist, String tag) {
        return playlist.lines().filter(l -> l.startsWith(tag)).findFirst()
                .map(l -> l.substring(tag.length())).orElseThrow();
    }
}
