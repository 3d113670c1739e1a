package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.cmaf.CmafReader;
import io.cascade.config.ConfigLoader;
import io.cascade.dash.MpdTimelines;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DASH and fMP4 HLS as players use them: ffmpeg follows a live DASH stream without asking for
 * segments that do not exist yet, every track's timeline matches its fragments exactly, the fMP4
 * master leads to a playable media playlist, and the manifest's clock source answers.
 */
@RequiresTools
class DashHlsPlaybackIT {

    @TempDir
    static Path dir;
    static CascadeServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 6, "640x360", "mp4");
        int port = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                segment_duration 2;
                segments 14;
                stream loop { input file://clip.mp4; }
                """.formatted(port));
        server = new CascadeServer(ConfigLoader.load(conf), dir, 5_000);
        base = "http://127.0.0.1:" + port + "/";
        Tools.await(Duration.ofSeconds(30), "two segments",
                () -> server.streams().find("loop").orElseThrow().store().closedSegments().size() >= 2);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ffmpegFollowsTheLiveDashStreamWithoutPollingForSegmentsNotMadeYet() throws Exception {
        Path out = dir.resolve("dash.mp4");
        Tools.Result r = Tools.run(Duration.ofSeconds(90), "ffmpeg", "-hide_banner", "-loglevel", "level+verbose", "-y",
                "-i", base + "loop/index.mpd", "-c", "copy", "-t", "20", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.err().lines().toList();
        long segmentRequests = lines.stream().filter(l -> l.contains("DASH request") && l.contains("/seg-")).count();
        long notFound = lines.stream().filter(l -> l.contains("HTTP error 404")).count();
        assertThat(notFound).as("404s in %d segment requests", segmentRequests).isLessThan(3);
        // Two tracks of ten two-second segments, each fetched once, give or take the start and the end.
        assertThat(segmentRequests).isBetween(18L, 26L);
        String warnings = lines.stream().filter(l -> l.contains("[warning]") || l.contains("[error]"))
                .collect(Collectors.joining("\n"));
        Tools.assertCleanRecording(out, warnings, 18);
        assertNoHoles(out, "v");
        assertNoHoles(out, "a");
    }

    @Test
    void everyTracksTimelineIsWhereItsFragmentsStart() throws Exception {
        Tools.await(Duration.ofSeconds(90), "ten listed segments", () -> {
            try {
                return MpdTimelines.expand(templates(manifest()).getFirst()).size() >= 10;
            } catch (Exception e) {
                return false;
            }
        });
        Document mpd = manifest();
        List<Element> templates = templates(mpd);
        assertThat(templates).hasSize(2);
        long firstStart = Long.MAX_VALUE;
        long lastEnd = 0;
        for (Element template : templates) {
            List<Track> tracks = CmafReader.readInit(Tools.get(base + "loop/" + template.getAttribute("initialization")).body());
            assertThat(template.getAttribute("timescale")).isEqualTo("90000");
            List<long[]> timeline = MpdTimelines.expand(template);
            assertThat(timeline).hasSizeGreaterThanOrEqualTo(10);
            for (int i = 0; i < timeline.size(); i++) {
                long[] s = timeline.get(i);
                String uri = template.getAttribute("media").replace("$Time$", Long.toString(s[0]));
                HttpResponse<byte[]> segment = Tools.get(base + "loop/" + uri);
                assertThat(segment.statusCode()).as(uri).isEqualTo(200);
                List<Frame> frames = CmafReader.readFragments(segment.body(), tracks);
                Frame last = frames.getLast();
                assertThat(frames.getFirst().dts()).as("tfdt of %s", uri).isEqualTo(s[0]);
                long real = last.dts() + last.duration() - s[0];
                if (i + 1 < timeline.size()) {
                    // Up to the next segment's start: a looped file's audio may leave a sub-frame gap at the seam.
                    assertThat(s[0] + s[1]).as("end of %s", uri).isEqualTo(timeline.get(i + 1)[0]);
                    assertThat(Math.abs(s[1] - real)).as("duration of %s against its frames", uri).isLessThan(1920);
                } else {
                    assertThat(real).as("duration of %s", uri).isEqualTo(s[1]);
                }
                firstStart = Math.min(firstStart, s[0]);
                lastEnd = Math.max(lastEnd, s[0] + s[1]);
            }
        }
        Duration depth = Duration.parse(mpd.getDocumentElement().getAttribute("timeShiftBufferDepth"));
        assertThat(depth.toMillis() * 90).isGreaterThanOrEqualTo(lastEnd - firstStart);
    }

    @Test
    void fmp4MasterDeclaresTheVariantAndLeadsToAPlayableMediaPlaylist() throws Exception {
        String master = Tools.getText(base + "loop/index.fmp4.m3u8");
        assertThat(master).contains("#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS",
                "CODECS=\"avc1.4d401e,mp4a.40.2\"", "RESOLUTION=640x360", "FRAME-RATE=25.000", "\nmono.fmp4.m3u8\n");
        String media = Tools.getText(base + "loop/mono.fmp4.m3u8");
        assertThat(media).contains("#EXT-X-VERSION:7", "#EXT-X-MAP:URI=\"init-").doesNotContain("#EXT-X-STREAM-INF");
        Path out = dir.resolve("fmp4.mp4");
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", base + "loop/index.fmp4.m3u8", "-c", "copy", "-t", "8", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Tools.assertCleanRecording(out, r.err(), 7);
    }

    @Test
    void theManifestsClockSourceAnswersTheServersTimeUncached() throws Exception {
        Element mpd = manifest().getDocumentElement();
        NodeList timings = mpd.getElementsByTagNameNS(MpdTimelines.NS, "UTCTiming");
        assertThat(timings.getLength()).isEqualTo(2);
        Element iso = (Element) timings.item(0);
        assertThat(iso.getAttribute("schemeIdUri")).isEqualTo("urn:mpeg:dash:utc:http-iso:2014");
        URI url = URI.create(base + "loop/index.mpd").resolve(iso.getAttribute("value"));
        assertThat(url.getPath()).isEqualTo("/time");
        HttpResponse<byte[]> time = Tools.get(url.toString());
        assertThat(time.statusCode()).isEqualTo(200);
        assertThat(time.headers().firstValue("Cache-Control")).contains("no-store");
        Instant said = Instant.parse(new String(time.body(), StandardCharsets.US_ASCII));
        assertThat(Duration.between(said, Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
        Element direct = (Element) timings.item(1);
        assertThat(direct.getAttribute("schemeIdUri")).isEqualTo("urn:mpeg:dash:utc:direct:2014");
        assertThat(Duration.between(Instant.parse(direct.getAttribute("value")), Instant.now()).abs())
                .isLessThan(Duration.ofSeconds(2));
    }

    /** No stretch of a recorded stream without a packet longer than half a second (a segment left out). */
    private static void assertNoHoles(Path file, String stream) throws Exception {
        Tools.Result packets = Tools.run(Duration.ofSeconds(60), "ffprobe", "-v", "error", "-select_streams", stream,
                "-show_entries", "packet=dts_time", "-of", "csv=p=0", file.toString());
        double[] dts = packets.out().lines().filter(l -> !l.isBlank() && !l.startsWith("N/A"))
                .mapToDouble(Double::parseDouble).toArray();
        assertThat(dts.length).as("%s packets", stream).isGreaterThan(10);
        for (int i = 1; i < dts.length; i++) {
            assertThat(dts[i] - dts[i - 1]).as("%s packet after %.3f s", stream, dts[i - 1]).isLessThan(0.5);
        }
    }

    private static Document manifest() throws Exception {
        return MpdTimelines.parse(Tools.getText(base + "loop/index.mpd"));
    }

    /** The SegmentTemplates of the last Period, video first. */
    private static List<Element> templates(Document mpd) {
        List<Element> periods = MpdTimelines.all(mpd.getDocumentElement(), "Period");
        return MpdTimelines.all(periods.getLast(), "SegmentTemplate");
    }
}
