package io.cascade.dvrhttp;

import io.cascade.cmaf.CmafReader;
import io.cascade.cmaf.FragmentTimes;
import io.cascade.dash.DashManifest;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.dvr.StreamArchive;
import io.cascade.dvr.TestSegments;
import io.cascade.hls.HlsPlaylists;
import io.cascade.hls.SegmentFormat;
import io.cascade.hls.SegmentNames;
import io.cascade.media.Frame;
import io.cascade.media.Segment;
import io.cascade.media.SegmentTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.cascade.dvr.TestSegments.T0;
import static io.cascade.dvr.TestSegments.TWO_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/** Archive playlists and manifests from the live writers: live names, discontinuities at gaps, steady sequences. */
class ArchiveWindowTest {
    @TempDir
    Path dir;

    private final List<Segment> live = new ArrayList<>();

    private StreamArchive archiveWithAGap() throws Exception {
        StreamArchive a = StreamArchive.open(dir, "s");
        live.addAll(TestSegments.make(100, T0, 3));
        live.addAll(TestSegments.make(200, T0 + 10 * TWO_SECONDS, 2));
        for (Segment s : live) {
            a.append(s);
        }
        return a;
    }

    @Test
    void aCatchUpPlaylistNamesSegmentsAsLiveAndMarksTheGap() throws Exception {
        StreamArchive a = archiveWithAGap();
        ArchiveWindow w = ArchiveWindow.of(a, a.segments(Long.MIN_VALUE, Long.MAX_VALUE));
        String playlist = HlsPlaylists.media(w.segments(), w.discontinuitiesBefore(), SegmentFormat.TS, true,
                new SegmentTarget(2), i -> "init.mp4", "VOD");
        assertThat(playlist).contains("#EXT-X-PLAYLIST-TYPE:VOD\n", "#EXT-X-ENDLIST\n", "#EXT-X-MEDIA-SEQUENCE:100\n")
                .doesNotContain("#EXT-X-DISCONTINUITY-SEQUENCE");
        assertThat(playlist.split("#EXT-X-DISCONTINUITY\n", -1)).hasSize(2);
        assertThat(playlist.indexOf("#EXT-X-DISCONTINUITY\n")).isGreaterThan(playlist.indexOf(SegmentNames.of(live.get(2), SegmentFormat.TS)))
                .isLessThan(playlist.indexOf(SegmentNames.of(live.get(3), SegmentFormat.TS)));
        List<String> names = playlist.lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(names).containsExactlyElementsOf(live.stream().map(s -> SegmentNames.of(s, SegmentFormat.TS)).toList());
    }

    @Test
    void aWindowAfterTheGapKeepsTheDiscontinuitySequence() throws Exception {
        StreamArchive a = archiveWithAGap();
        ArchiveWindow w = ArchiveWindow.of(a, a.segments(T0 + 10 * TWO_SECONDS, Long.MAX_VALUE));
        String playlist = HlsPlaylists.media(w.segments(), w.discontinuitiesBefore(), SegmentFormat.TS, false,
                new SegmentTarget(2), i -> "init.mp4", null);
        assertThat(playlist).contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n", "#EXT-X-MEDIA-SEQUENCE:200\n")
                .doesNotContain("#EXT-X-DISCONTINUITY\n", "PLAYLIST-TYPE", "ENDLIST");
    }

    @Test
    void aStaticMpdOpensAPeriodAtTheGapCountedFromThePieceStart() throws Exception {
        StreamArchive a = archiveWithAGap();
        ArchiveWindow w = ArchiveWindow.of(a, a.segments(Long.MIN_VALUE, Long.MAX_VALUE));
        String mpd = DashManifest.archive(w.dashStatic(), w.dashInfo());
        assertThat(mpd).contains("type=\"static\"", "mediaPresentationDuration=\"PT24.000S\"",
                "<Period id=\"0\" start=\"PT0.000S\"", "<Period id=\"1\" start=\"PT20.000S\"",
                "presentationTimeOffset=\"" + T0 + "\"", "presentationTimeOffset=\"" + (T0 + 10 * TWO_SECONDS) + "\"");
        ArchivedSegment first = a.first().orElseThrow();
        assertThat(mpd).contains("t=\"" + first.tracks().get(1).start() + "\""); // audio listed by its own start
    }

    @Test
    void exportedFragmentsStartAtZeroAndKeepEverythingElse() throws Exception {
        Segment s = TestSegments.make(100, T0, 1).getFirst();
        byte[] shifted = FragmentTimes.shifted(s.bytes(), T0);
        List<Frame> before = CmafReader.readFragments(s.bytes(), s.init().tracks());
        List<Frame> after = CmafReader.readFragments(shifted, s.init().tracks());
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).dts()).isEqualTo(before.get(i).dts() - T0);
            assertThat(after.get(i).data()).isEqualTo(before.get(i).data());
        }
        assertThat(shifted).hasSameSizeAs(s.bytes());
        assertThat(FragmentTimes.shifted(new byte[] {0, 0, 0, 3, 1}, 5)).containsExactly(0, 0, 0, 3, 1);
    }
}
