package io.cascade.dvrhttp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveRequestTest {
    private static final long NOW = 1_764_583_200L;

    @Test
    void readsEveryArchiveUrlForm() {
        assertThat(parse("archive-1764579600-3600.m3u8")).isEqualTo(new ArchiveRequest.Piece(1764579600, 3600, ArchiveRequest.Form.HLS));
        assertThat(parse("index-1764579600-60.m3u8")).isEqualTo(new ArchiveRequest.Piece(1764579600, 60, ArchiveRequest.Form.HLS));
        assertThat(parse("video-1764579600-60.m3u8")).isEqualTo(new ArchiveRequest.Piece(1764579600, 60, ArchiveRequest.Form.HLS));
        assertThat(parse("archive-1764579600-60.mpd")).isEqualTo(new ArchiveRequest.Piece(1764579600, 60, ArchiveRequest.Form.DASH));
        assertThat(parse("archive-1764579600-60.ts")).isEqualTo(new ArchiveRequest.Piece(1764579600, 60, ArchiveRequest.Form.TS));
        assertThat(parse("archive-1764579600-60.mp4")).isEqualTo(new ArchiveRequest.Piece(1764579600, 60, ArchiveRequest.Form.MP4));
        assertThat(parse("archive-1764579600-now.m3u8")).isEqualTo(new ArchiveRequest.Event(1764579600));
        assertThat(parse("index-1764579600-now.m3u8")).isEqualTo(new ArchiveRequest.Event(1764579600));
        assertThat(parse("rewind-7200.m3u8")).isEqualTo(new ArchiveRequest.Rewind(7200, ArchiveRequest.Form.HLS));
        assertThat(parse("rewind-7200.mpd")).isEqualTo(new ArchiveRequest.Rewind(7200, ArchiveRequest.Form.DASH));
        assertThat(parse("timeshift_abs-1764579600.m3u8")).isEqualTo(new ArchiveRequest.TimeshiftAbs(1764579600));
        assertThat(parse("timeshift_rel-3600.m3u8")).isEqualTo(new ArchiveRequest.TimeshiftRel(3600));
    }

    @Test
    void leavesLiveNamesToTheLiveRoutes() {
        for (String live : new String[] {"index.m3u8", "mono.m3u8", "video.m3u8", "index.fmp4.m3u8", "index.mpd",
                "init.mp4", "init-3.mp4", "seg-v1-t123.m4s", "playlist.m3u8", "index-3.mp4", "video-1.ts"}) {
            assertThat(ArchiveRequest.parse(live, NOW)).as(live).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "archive-1764583201-60.m3u8; in the future",
            "archive-1764579600-0.m3u8; DURATION must be",
            "archive-1764579600-86401.m3u8; DURATION must be",
            "archive-1764579600-99999999999999999999.m3u8; DURATION must be",
            "archive-abc-60.m3u8; FROM must be a Unix time",
            "archive-1764579600-x.mpd; DURATION must be",
            "archive-1764579600.m3u8; archive-FROM-DURATION",
            "archive--60.m3u8; FROM must be",
            "archive-1764579600-now.mpd; for .m3u8 playlists only",
            "index-1764579600-60.ts; are named archive-",
            "archive-60.m3u8; archive-FROM-DURATION",
            "rewind-0.m3u8; rewind N must be",
            "rewind-x.mpd; rewind N must be",
            "timeshift_rel-0.m3u8; OFFSET must be",
            "timeshift_rel-99999999.m3u8; OFFSET must be",
            "timeshift_abs-1764583300.m3u8; in the future",
            "timeshift_abs-%2e%2e.m3u8; FROM must be",
    })
    void refusesBadUrlsSayingWhy(String file, String message) {
        assertThat(parse(file)).isInstanceOfSatisfying(ArchiveRequest.Invalid.class,
                bad -> assertThat(bad.message()).contains(message));
    }

    private static ArchiveRequest parse(String file) {
        return ArchiveRequest.parse(file, NOW).orElseThrow();
    }
}
