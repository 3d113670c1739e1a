package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTMP with the real clients: ffmpeg publishes into {@code publish://} streams, ffprobe and ffmpeg
 * play over HLS, DASH and RTMP, and {@code input rtmp://} pulls from a second Cascade and from
 * ffmpeg's listen mode.
 */
@RequiresTools
class RtmpIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static CascadeServer server;
    static CascadeServer upstream;
    static Tools.Background publisher;
    static Tools.Background listener;
    static Tools.Background recording;
    static Tools.Background lazyViewer;
    static Path clip;
    static String http;
    static String rtmp;

    @BeforeAll
    static void start() throws Exception {
        clip = Tools.makeClip(dir, "clip.mp4", 6, "640x360", "mp4");
        int upstreamRtmp = Tools.freePort();
        upstream = new CascadeServer(ConfigLoader.load(writeConfig("upstream.conf", """
                http %d;
                rtmp %d;
                stream src { input file://clip.mp4; }
                """.formatted(Tools.freePort(), upstreamRtmp))), dir);
        int listenPort = Tools.freePort();
        listener = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "flv", "-listen", "1",
                "rtmp://127.0.0.1:" + listenPort + "/live/x");
        int httpPort = Tools.freePort();
        int rtmpPort = Tools.freePort();
        server = new CascadeServer(ConfigLoader.load(writeConfig("cascade.conf", """
                http %d;
                rtmp %d;
                segment_duration 2;
                stream cam1 { input publish://; }
                stream cam2 { input publish://; }
                stream news/one { input publish://; }
                stream filestream { input file://clip.mp4; }
                stream lazy { input file://clip.mp4; ondemand; }
                stream relay { input rtmp://127.0.0.1:%d/static/src; }
                stream listened { input rtmp://127.0.0.1:%d/live/x; }
                """.formatted(httpPort, rtmpPort, upstreamRtmp, listenPort))), dir, 5_000);
        http = "http://127.0.0.1:" + httpPort + "/";
        rtmp = "rtmp://127.0.0.1:" + rtmpPort + "/";
        publisher = publish(true, rtmp + "static/cam1");
        awaitSegments("cam1", 2);
        recording = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", rtmp + "static/cam1", "-c", "copy", "-t", "30", dir.resolve("recording.flv").toString());
        // longer than the on-demand idle timeout (5 s here): only RTMP keeps the stream running
        lazyViewer = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", rtmp + "static/lazy", "-c", "copy", "-t", "12", dir.resolve("lazy.flv").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Tools.Background b : new Tools.Background[]{recording, lazyViewer, publisher, listener}) {
            if (b != null) {
                b.close();
            }
        }
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http:cam1/index.m3u8",
            "http:cam1/index.mpd",
            "rtmp:static/cam1",
            "rtmp:cam1",
            "rtmp:static/filestream",
            "rtmp:static/lazy",
            "http:relay/index.m3u8",
            "http:listened/index.m3u8",
    })
    void ffprobeReadsTheRightCodecs(String where) throws Exception {
        String url = (where.startsWith("http:") ? http : rtmp) + where.substring(where.indexOf(':') + 1);
        if (where.contains("relay") || where.contains("listened")) {
            awaitSegments(where.substring(5, where.indexOf('/')), 2);
        }
        Map<String, JsonNode> streams = probe(url);
        assertThat(streams).containsKeys("video", "audio");
        assertThat(streams.get("video").get("codec_name").asText()).isEqualTo("h264");
        assertThat(streams.get("video").get("width").asInt()).isEqualTo(640);
        assertThat(streams.get("video").get("height").asInt()).isEqualTo(360);
        assertThat(streams.get("audio").get("codec_name").asText()).isEqualTo("aac");
        assertThat(streams.get("audio").get("sample_rate").asText()).isEqualTo("48000");
    }

    @Test
    void publishedTracksCarryTheSizeAndRateFromTheSps() throws Exception {
        String master = Tools.getText(http + "cam1/index.m3u8");
        assertThat(master).contains("RESOLUTION=640x360");
        JsonNode api = JSON.readTree(Tools.getText(http + "streamer/api/v3/streams/cam1"));
        JsonNode video = api.get("stats").get("media_info").get("tracks").get(0);
        assertThat(video.get("width").asInt()).isEqualTo(640);
        assertThat(video.get("height").asInt()).isEqualTo(360);
        assertThat(api.get("stats").get("active_input").asText()).isEqualTo("publish://");
    }

    @Test
    void recordingOverRtmpHasNoTimestampErrors() throws Exception {
        assertCleanRecording(recording, dir.resolve("recording.flv"), 28);
    }

    @Test
    void anOnDemandStreamRunsWhileAnRtmpViewerWatches() throws Exception {
        assertCleanRecording(lazyViewer, dir.resolve("lazy.flv"), 10);
    }

    private static void assertCleanRecording(Tools.Background recorder, Path file, double seconds) throws Exception {
        int exit = recorder.waitFor(Duration.ofSeconds(90));
        String err = recorder.errText();
        assertThat(exit).as(err).isZero();
        Tools.assertCleanRecording(file, err, seconds);
    }

    @Test
    void publishingToANameWithoutPublishInputIsRefused() throws Exception {
        for (String name : List.of("static/nosuch", "static/filestream")) {
            try (Tools.Background refused = publish(false, rtmp + name)) {
                assertThat(refused.waitFor(Duration.ofSeconds(20))).as(name + ": " + refused.errText()).isNotZero();
            }
        }
    }

    @Test
    void aSecondPublisherOnABusyNameIsRefused() throws Exception {
        try (Tools.Background second = publish(false, rtmp + "static/cam1")) {
            assertThat(second.waitFor(Duration.ofSeconds(20))).as(second.errText()).isNotZero();
        }
        assertThat(publisher.process().isAlive()).as("the first publisher goes on").isTrue();
    }

    @Test
    void playingAnUnknownNameFails() throws Exception {
        Tools.Result r = Tools.run(Duration.ofSeconds(30), "ffprobe", "-v", "error", rtmp + "static/nosuch");
        assertThat(r.exit()).isNotZero();
    }

    @Test
    void aNameWithASlashIsFoundWhateverTheAppSplit() throws Exception {
        try (Tools.Background p = publish(true, rtmp + "static/news/one")) {
            awaitSegments("news/one", 1);
            assertThat(probe(rtmp + "news/one")).containsKeys("video", "audio");
        }
    }

    @Test
    void aPublisherThatComesBackContinuesTheStream() throws Exception {
        SegmentStore store = server.streams().find("cam2").orElseThrow().store();
        try (Tools.Background first = publish(false, rtmp + "static/cam2")) {
            assertThat(first.waitFor(Duration.ofSeconds(30))).as(first.errText()).isZero();
        }
        Tools.await(Duration.ofSeconds(10), "the first publish to close its segments", () -> store.growing().isEmpty());
        long lastOfFirst = store.lastNumber();
        long endOfFirst = store.lastEnd();
        assertThat(lastOfFirst).isGreaterThan(0);
        try (Tools.Background second = publish(false, rtmp + "static/cam2")) {
            assertThat(second.waitFor(Duration.ofSeconds(30))).as(second.errText()).isZero();
        }
        Tools.await(Duration.ofSeconds(10), "the second publish to close its segments",
                () -> store.growing().isEmpty() && store.lastNumber() > lastOfFirst + 1);
        List<Segment> segments = store.closedSegments();
        Segment previous = null;
        for (Segment s : segments) {
            if (previous != null) {
                assertThat(s.number()).isGreaterThan(previous.number());
                assertThat(s.startDts()).as("start of %s", s).isGreaterThanOrEqualTo(previous.endDts());
            }
            if (s.number() == lastOfFirst + 1) {
                assertThat(s.startDts()).isGreaterThanOrEqualTo(endOfFirst);
            }
            previous = s;
        }
        assertThat(segments.stream().mapToLong(Segment::number)).contains(lastOfFirst, lastOfFirst + 1);
        List<Instant> times = programDateTimes(Tools.getText(http + "cam2/mono.m3u8"));
        assertThat(times).hasSizeGreaterThanOrEqualTo(4).isSorted();
    }

    private static Tools.Background publish(boolean loop, String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-re"));
        if (loop) {
            cmd.addAll(List.of("-stream_loop", "-1"));
        }
        cmd.addAll(List.of("-i", clip.toString(), "-c", "copy", "-f", "flv", url));
        return Tools.background(cmd.toArray(String[]::new));
    }

    private static Map<String, JsonNode> probe(String url) throws Exception {
        Map<String, JsonNode> byType = new HashMap<>();
        for (JsonNode s : JSON.readTree(Tools.ffprobeJson(url)).get("streams")) {
            byType.putIfAbsent(s.get("codec_type").asText(), s);
        }
        return byType;
    }

    private static List<Instant> programDateTimes(String playlist) {
        List<Instant> out = new ArrayList<>();
        Matcher m = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)").matcher(playlist);
        while (m.find()) {
            out.add(Instant.parse(m.group(1)));
        }
        return out;
    }

    private static void awaitSegments(String stream, int count) throws InterruptedException {
        Tools.await(Duration.ofSeconds(30), stream + " to have " + count + " segments",
                () -> server.streams().find(stream).orElseThrow().store().closedSegments().size() >= count);
    }

    private static Path writeConfig(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
