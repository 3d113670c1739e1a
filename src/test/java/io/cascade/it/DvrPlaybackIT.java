package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.media.Segment;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive of a stream recorded during the test, played by ffmpeg and ffprobe: a catch-up
 * HLS playlist, a static DASH manifest, a timeshift playlist and the .ts/.mp4 exports; the
 * archived segments are byte for byte the live ones fetched under the same names while live;
 * bad archive URLs answer 400/404 with a message; the recorded ranges, locks and the stream's
 * dvr_info in the API. The stream is recorded for about 12 s with 1 s segments (the property
 * does not depend on the length).
 */
@RequiresTools
class DvrPlaybackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static CascadeServer server;
    static String base;
    /** Live segment name (TS and fMP4) → SHA-256 of the bytes fetched while it was in the live window. */
    static final Map<String, String> liveHashes = new LinkedHashMap<>();
    static long firstSecond;

    @BeforeAll
    static void record() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 6, "320x180", "mp4");
        int port = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                segment_duration 1;
                segments 4;
                stream rec { input file://clip.mp4; dvr archive 1h; }
                """.formatted(port));
        server = new CascadeServer(ConfigLoader.load(conf), dir, 5_000);
        base = "http://127.0.0.1:" + port + "/rec/";
        long deadline = System.nanoTime() + Duration.ofSeconds(13).toNanos();
        while (System.nanoTime() < deadline) {
            for (String playlist : List.of("mono.m3u8", "mono.fmp4.m3u8")) {
                HttpResponse<byte[]> r = Tools.get(base + playlist);
                if (r.statusCode() != 200) {
                    continue;
                }
                for (String name : segmentNames(new String(r.body(), StandardCharsets.UTF_8))) {
                    if (!liveHashes.containsKey(name)) {
                        HttpResponse<byte[]> seg = Tools.get(base + name);
                        if (seg.statusCode() == 200) {
                            liveHashes.put(name, sha256(seg.body()));
                        }
                    }
                }
            }
            Thread.sleep(300);
        }
        List<Segment> window = server.streams().find("rec").orElseThrow().store().closedSegments();
        assertThat(liveHashes).hasSizeGreaterThan(16);
        Tools.await(Duration.ofSeconds(5), "recorded", () -> server.dvr().archive("rec").orElseThrow().segmentCount() >= 10);
        firstSecond = server.dvr().archive("rec").orElseThrow().first().orElseThrow().startDts() / 90_000 + 1;
        assertThat(window).isNotEmpty();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static List<String> segmentNames(String playlist) {
        return playlist.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void archivedSegmentsAreTheLiveBytesUnderTheSameNames() throws Exception {
        List<Segment> window = server.streams().find("rec").orElseThrow().store().closedSegments();
        long fromArchive = 0;
        for (Map.Entry<String, String> e : liveHashes.entrySet()) {
            HttpResponse<byte[]> r = Tools.get(base + e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(sha256(r.body())).as(e.getKey()).isEqualTo(e.getValue());
            boolean live = window.stream().anyMatch(s -> io.cascade.hls.SegmentNames.of(s, io.cascade.hls.SegmentFormat.TS)
                    .equals(e.getKey()) || io.cascade.hls.SegmentNames.of(s, io.cascade.hls.SegmentFormat.FMP4).equals(e.getKey()));
            fromArchive += live ? 0 : 1;
        }
        assertThat(fromArchive).as("segments served from the archive only").isGreaterThan(10);
    }

    @Test
    void ffprobeReadsTheCatchUpPlaylistWithItsDuration() throws Exception {
        String url = base + "archive-" + firstSecond + "-8.m3u8";
        String playlist = Tools.getText(url);
        assertThat(playlist).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST", "#EXT-X-PROGRAM-DATE-TIME:");
        for (String name : segmentNames(playlist)) {
            assertThat(liveHashes).containsKey(name); // named as on the live playlist
        }
        assertThat(Tools.getText(base + "index-" + firstSecond + "-8.m3u8")).isEqualTo(playlist);
        assertThat(duration(url)).isBetween(7.0, 10.0);
    }

    @Test
    void ffmpegPlaysTheArchiveDashManifest() throws Exception {
        String mpd = Tools.getText(base + "archive-" + firstSecond + "-8.mpd");
        assertThat(mpd).contains("type=\"static\"", "mediaPresentationDuration");
        Path out = dir.resolve("dash.mp4");
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-i", base + "archive-" + firstSecond + "-8.mpd", "-c", "copy", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(duration(out.toString())).isBetween(7.0, 10.0);
    }

    @Test
    void aDashSegmentJustOutOfTheLiveWindowComesFromTheArchive() throws Exception {
        var archive = server.dvr().archive("rec").orElseThrow();
        for (int attempt = 0; attempt < 5; attempt++) {
            Segment first = server.streams().find("rec").orElseThrow().store().closedSegments().getFirst();
            var gone = archive.byNumber(first.number() - 1).orElseThrow();
            var init = archive.init(gone.initId()).join();
            for (var t : gone.tracks()) {
                char kind = init.tracks().stream().filter(k -> k.id() == t.trackId()).findFirst().orElseThrow().isVideo() ? 'v' : 'a';
                String name = "seg-" + kind + t.trackId() + "-t" + t.start() + ".m4s";
                // its track starts less than a second before the window's first segment
                assertThat(Tools.get(base + name).statusCode()).as(name + " of segment " + gone.number()).isEqualTo(200);
            }
            Thread.sleep(300);
        }
    }

    @Test
    void ffmpegPlaysATimeshiftAsLive() throws Exception {
        String playlist = Tools.getText(base + "timeshift_rel-6.m3u8");
        assertThat(playlist).doesNotContain("#EXT-X-ENDLIST");
        Path out = dir.resolve("timeshift.ts");
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-i", base + "timeshift_rel-6.m3u8", "-t", "3", "-c", "copy", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(duration(out.toString())).isGreaterThan(2.0);
        assertThat(Tools.getText(base + "timeshift_abs-" + firstSecond + ".m3u8")).contains("#EXTINF");
        assertThat(Tools.getText(base + "rewind-30.m3u8")).contains("#EXTINF").doesNotContain("#EXT-X-ENDLIST");
        assertThat(Tools.getText(base + "rewind-30.mpd")).contains("type=\"dynamic\"");
        assertThat(Tools.getText(base + "archive-" + firstSecond + "-now.m3u8")).contains("#EXT-X-PLAYLIST-TYPE:EVENT")
                .doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void theTimeshiftAsOneMpegTsStreamPlaysCleanlyAtTheStreamsRate() throws Exception {
        Path out = dir.resolve("timeshift-abs.ts");
        long started = System.nanoTime();
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-y",
                "-i", base + "timeshift_abs-" + firstSecond + ".ts", "-t", "6", "-c", "copy", out.toString());
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(r.exit()).as(r.err()).isZero();
        Tools.assertCleanRecording(out, r.err(), 5.0);
        // Paced as live, a few seconds ahead: six seconds of media take more than the lead to arrive.
        assertThat(wallSeconds).isGreaterThan(2.0);
        assertThat(Tools.get(base + "timeshift_abs-" + (firstSecond + 3600) + ".ts").statusCode()).isEqualTo(400);
    }

    @Test
    void theExportsAreOneFileEachWithTheRightDuration() throws Exception {
        for (String ext : List.of("ts", "mp4")) {
            Path file = dir.resolve("export." + ext);
            HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "archive-" + firstSecond + "-8." + ext))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofFile(file));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(duration(file.toString())).as(ext).isBetween(7.0, 10.0);
            Tools.Result decode = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "error",
                    "-i", file.toString(), "-f", "null", "-");
            assertThat(decode.exit()).as(decode.err()).isZero();
        }
    }

    @Test
    void badArchiveUrlsAreRefusedSayingWhy() throws Exception {
        long future = System.currentTimeMillis() / 1000 + 3600;
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("archive-" + future + "-60.m3u8", 400);
        expected.put("archive-" + firstSecond + "-0.m3u8", 400);
        expected.put("archive-" + firstSecond + "-99999999.mpd", 400);
        expected.put("archive-abc-60.m3u8", 400);
        expected.put("archive-" + firstSecond + "-x.ts", 400);
        expected.put("timeshift_rel-abc.m3u8", 400);
        expected.put("archive-" + (firstSecond - 7200) + "-60.m3u8", 404);
        expected.put("archive-" + (firstSecond - 7200) + "-60.mp4", 404);
        expected.put("archive-" + (firstSecond - 7200) + "-60.mpd", 404);
        expected.put("timeshift_rel-86400.m3u8", 404);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            HttpResponse<byte[]> r = Tools.get(base + e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(e.getKey()).contains("\"error\"");
        }
        assertThat(Tools.get("http://127.0.0.1:" + server.httpPort() + "/nothing/archive-" + firstSecond + "-60.m3u8")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void theRecordedRangesLocksAndFiguresAreInTheApi() throws Exception {
        JsonNode status = JSON.readTree(Tools.getText(base + "recording_status.json?from=0&to=now"));
        assertThat(status.get(0).get("stream").asText()).isEqualTo("rec");
        JsonNode range = status.get(0).get("ranges").get(0);
        assertThat(range.get("from").asLong()).isEqualTo(firstSecond - 1);
        assertThat(range.get("duration").asLong()).isGreaterThanOrEqualTo(10);
        String api = "http://127.0.0.1:" + server.httpPort() + "/streamer/api/v3/streams/rec";
        JsonNode ranges = JSON.readTree(Tools.getText(api + "/dvr/ranges"));
        assertThat(ranges.get("ranges").get(0).get("opened_at").asLong() / 1000).isEqualTo(firstSecond - 1);
        JsonNode stream = JSON.readTree(Tools.getText(api));
        assertThat(stream.get("dvr").get("dvr_limit").asLong()).isEqualTo(3600);
        JsonNode info = stream.get("stats").get("dvr_info");
        assertThat(info.get("from").asLong()).isEqualTo(firstSecond - 1);
        assertThat(info.get("depth").asLong()).isEqualTo(3600);
        assertThat(info.get("duration").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(info.get("bytes").asLong()).isPositive();
        assertThat(info.get("recording").asBoolean()).isTrue();

        String lock = "{\"from\":" + firstSecond + ",\"duration\":2}";
        assertThat(send("POST", api + "/dvr/locks", lock).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(Tools.getText(api + "/dvr/locks")).get("locks")).hasSize(1);
        // Deleting the first four seconds leaves the locked segments.
        assertThat(send("DELETE", api + "/dvr/ranges?from=" + (firstSecond - 1) + "&duration=4", "").statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(Tools.getText(base + "recording_status.json")).get(0).get("ranges");
        assertThat(after.get(0).get("from").asLong()).isBetween(firstSecond - 1, firstSecond);
        assertThat(send("DELETE", api + "/dvr/locks", lock).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(Tools.getText(api + "/dvr/locks")).get("locks")).isEmpty();
        assertThat(send("POST", api + "/dvr/locks", "{\"from\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "http://127.0.0.1:" + server.httpPort() + "/rec/index.m3u8", "").statusCode()).isEqualTo(405);
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double duration(String urlOrFile) throws Exception {
        JsonNode probe = JSON.readTree(Tools.ffprobeJson(urlOrFile));
        return probe.get("format").get("duration").asDouble();
    }
}
