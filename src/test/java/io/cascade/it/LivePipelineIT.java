package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.cmaf.CmafReader;
import io.cascade.config.ConfigLoader;
import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.mpegts.TsDemuxer;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live pipeline end to end: file inputs looped as live, segments, HLS (TS and fMP4), DASH
 * and the API, read by ffprobe and recorded by ffmpeg.
 */
@RequiresTools
class LivePipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static CascadeServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 6, "640x360", "mp4");
        Tools.makeClip(dir, "clip.ts", 6, "480x270", "mpegts");
        Path demo = dir.resolve("demo.mp4");
        try (InputStream in = LivePipelineIT.class.getResourceAsStream("/demo/demo.mp4")) {
            Files.copy(in, demo);
        }
        byte[] garbage = new byte[200_000];
        new Random(1).nextBytes(garbage);
        Files.write(dir.resolve("garbage.mp4"), garbage);
        byte[] clip = Files.readAllBytes(dir.resolve("clip.mp4"));
        Files.write(dir.resolve("truncated.mp4"), java.util.Arrays.copyOf(clip, clip.length / 3));
        int port = Tools.freePort();
        String conf = """
                http %d;
                segment_duration 2;
                stream demo { input file://demo.mp4; }
                stream mp4clip { input file://clip.mp4; }
                stream live/tsclip { input file://clip.ts; }
                stream broken { input file://garbage.mp4; }
                stream truncated { input file://truncated.mp4; }
                stream lazy { input file://clip.mp4; ondemand; }
                """.formatted(port);
        Path confFile = dir.resolve("cascade.conf");
        Files.writeString(confFile, conf);
        server = new CascadeServer(ConfigLoader.load(confFile), dir, 5_000);
        base = "http://127.0.0.1:" + port + "/";
        for (String name : List.of("demo", "mp4clip", "live/tsclip")) {
            Tools.await(Duration.ofSeconds(30), name + " to have 2 segments",
                    () -> server.streams().find(name).orElseThrow().store().closedSegments().size() >= 2);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "demo, index.m3u8, 640, 360",
            "demo, index.fmp4.m3u8, 640, 360",
            "demo, index.mpd, 640, 360",
            "mp4clip, index.m3u8, 640, 360",
            "mp4clip, index.fmp4.m3u8, 640, 360",
            "mp4clip, index.mpd, 640, 360",
            "live/tsclip, index.m3u8, 480, 270",
            "live/tsclip, index.fmp4.m3u8, 480, 270",
            "live/tsclip, index.mpd, 480, 270",
    })
    void ffprobeReadsEveryForm(String stream, String file, int width, int height) throws Exception {
        JsonNode probe = JSON.readTree(Tools.ffprobeJson(base + stream + "/" + file));
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode s : probe.get("streams")) {
            if (s.get("codec_type").asText().equals("video")) {
                video = s;
            } else if (s.get("codec_type").asText().equals("audio")) {
                audio = s;
            }
        }
        assertThat(video).as("video stream").isNotNull();
        assertThat(audio).as("audio stream").isNotNull();
        assertThat(video.get("codec_name").asText()).isEqualTo("h264");
        assertThat(video.get("width").asInt()).isEqualTo(width);
        assertThat(video.get("height").asInt()).isEqualTo(height);
        assertThat(video.get("r_frame_rate").asText()).isEqualTo("25/1");
        assertThat(audio.get("codec_name").asText()).isEqualTo("aac");
        assertThat(audio.get("sample_rate").asText()).isEqualTo("48000");
        assertThat(audio.get("channels").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"demo", "mp4clip", "live/tsclip"})
    void segmentsStartOnKeyframesWithRisingNumbersAndExactDateTimes(String stream) throws Exception {
        String playlist = Tools.getText(base + stream + "/mono.m3u8");
        long sequence = Long.parseLong(value(playlist, "#EXT-X-MEDIA-SEQUENCE:(\\d+)"));
        List<String[]> entries = entries(playlist);
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        List<Track> tracks = CmafReader.readInit(Tools.get(base + stream + "/init.mp4").body());
        int videoId = tracks.stream().filter(Track::isVideo).findFirst().orElseThrow().id();
        long number = sequence;
        for (String[] e : entries) {
            Instant pdt = Instant.parse(e[0]);
            String tsUri = e[1];
            byte[] fmp4 = Tools.get(base + stream + "/" + tsUri.replace(".ts", ".m4s")).body();
            List<Frame> frames = CmafReader.readFragments(fmp4, tracks);
            Frame firstVideo = frames.stream().filter(f -> f.trackId() == videoId).findFirst().orElseThrow();
            assertThat(firstVideo.keyframe()).as("segment %d starts with a keyframe", number).isTrue();
            assertThat(pdt).as("PROGRAM-DATE-TIME of segment %d", number)
                    .isEqualTo(Timebase.toInstant(firstVideo.dts()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            List<Frame> tsFrames = demuxTs(Tools.get(base + stream + "/" + tsUri).body());
            Frame firstTsVideo = tsFrames.stream().filter(Frame::keyframe).findFirst().orElseThrow();
            assertThat(tsFrames.get(0).dts()).isLessThanOrEqualTo(firstTsVideo.dts());
            number++;
        }
        String again = Tools.getText(base + stream + "/mono.fmp4.m3u8");
        assertThat(value(again, "#EXT-X-MEDIA-SEQUENCE:(\\d+)")).matches("\\d+");
    }

    @Test
    void recordingAcrossTheLoopPointHasNoTimestampErrors() throws Exception {
        Path out = dir.resolve("recording.ts");
        Tools.Result r = Tools.run(Duration.ofSeconds(90), "ffmpeg", "-hide_banner", "-loglevel", "warning", "-y",
                "-i", base + "mp4clip/index.m3u8", "-c", "copy", "-t", "30", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Tools.assertCleanRecording(out, r.err(), 28);
    }

    @Test
    void apiListsStreamsWithStats() throws Exception {
        JsonNode all = JSON.readTree(Tools.getText(base + "streamer/api/v3/streams"));
        List<String> names = new ArrayList<>();
        all.get("streams").forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).contains("demo", "mp4clip", "live/tsclip", "broken", "lazy");

        JsonNode demo = JSON.readTree(Tools.getText(base + "streamer/api/v3/streams/demo"));
        assertThat(demo.get("static").asBoolean()).isTrue();
        assertThat(demo.get("inputs").get(0).get("url").asText()).isEqualTo("file://demo.mp4");
        JsonNode stats = demo.get("stats");
        assertThat(stats.get("alive").asBoolean()).isTrue();
        assertThat(stats.get("active_input").asText()).isEqualTo("file://demo.mp4");
        assertThat(stats.get("bitrate").asLong()).isBetween(200L, 2000L);
        assertThat(stats.get("last_segment").asLong()).isGreaterThan(stats.get("first_segment").asLong());
        assertThat(stats.get("clients").isNumber()).isTrue();
        JsonNode tracks = stats.get("media_info").get("tracks");
        assertThat(tracks.get(0).get("codec").asText()).isEqualTo("h264");
        assertThat(tracks.get(0).get("width").asInt()).isEqualTo(640);
        assertThat(tracks.get(1).get("sample_rate").asInt()).isEqualTo(48000);

        JsonNode lazy = JSON.readTree(Tools.getText(base + "streamer/api/v3/streams/lazy"));
        assertThat(lazy.get("static").asBoolean()).isFalse();

        HttpResponse<byte[]> missing = Tools.get(base + "streamer/api/v3/streams/nosuch");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).contains("nosuch");
    }

    @Test
    void unknownStreamsAndPathTricksAreRefused() throws Exception {
        assertThat(Tools.get(base + "nosuch/index.m3u8").statusCode()).isEqualTo(404);
        assertThat(Tools.get(base + "nosuch/index.mpd").statusCode()).isEqualTo(404);
        assertThat(Tools.get(base + "demo/2001/01/01/00/00/00-02000.ts").statusCode()).isEqualTo(404);
        assertThat(Tools.get(base + "demo/../etc/passwd").statusCode()).isIn(400, 404);
        assertThat(Tools.get(base + "demo/%2e%2e/%2e%2e/etc/passwd").statusCode()).isIn(400, 404);
    }

    @Test
    void brokenInputsEndOnlyThemselves() throws Exception {
        Thread.sleep(1500);
        for (String name : List.of("broken", "truncated")) {
            JsonNode s = JSON.readTree(Tools.getText(base + "streamer/api/v3/streams/" + name));
            assertThat(s.get("stats").get("alive").asBoolean()).as(name).isFalse();
        }
        JsonNode demo = JSON.readTree(Tools.getText(base + "streamer/api/v3/streams/demo"));
        assertThat(demo.get("stats").get("alive").asBoolean()).isTrue();
        assertThat(Tools.get(base + "demo/index.m3u8").statusCode()).isEqualTo(200);
    }

    @Test
    void onDemandStreamStartsOnFirstRequest() throws Exception {
        HttpResponse<byte[]> r = Tools.get(base + "lazy/mono.m3u8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body())).contains("#EXTINF");
        JsonNode lazy = JSON.readTree(Tools.getText(base + "streamer/api/v3/streams/lazy"));
        assertThat(lazy.get("stats").get("alive").asBoolean()).isTrue();
    }

    private static List<Frame> demuxTs(byte[] ts) throws Exception {
        List<Frame> frames = new ArrayList<>();
        TsDemuxer d = new TsDemuxer(new TsDemuxer.Listener() {
            @Override
            public void onTracks(List<Track> tracks) {
            }

            @Override
            public void onFrame(Frame f) {
                frames.add(f);
            }
        });
        d.feed(ts, 0, ts.length);
        d.end();
        return frames;
    }

    private static String value(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    /** (PROGRAM-DATE-TIME, URI) of each segment of a media playlist. */
    private static List<String[]> entries(String playlist) {
        List<String[]> out = new ArrayList<>();
        String pdt = null;
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pdt = line.substring(line.indexOf(':') + 1).trim();
            } else if (!line.isBlank() && !line.startsWith("#")) {
                out.add(new String[] {pdt, line.trim()});
            }
        }
        return out;
    }
}
