package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.cmaf.CmafReader;
import io.cascade.config.ConfigLoader;
import io.cascade.media.Frame;
import io.cascade.media.MediaKind;
import io.cascade.media.Segment;
import io.cascade.media.Track;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A looped file across three seams as real clients read it: ffprobe's packets over HLS-TS,
 * HLS-fMP4 and RTMP, for an MP4 with B-frames, AAC priming and audio 32 ms longer than video
 * (edit lists from ffmpeg's mp4 muxer), and for an MPEG-TS clip whose audio starts 21 ms before
 * the video. Clips of 2 s keep three loops within seconds.
 */
@RequiresTools
class LoopSeamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double FRAME = 0.040;
    private static final double AUDIO_FRAME = 1024 / 48000.0;
    private static final double PERIOD = 2.0;
    /** ffprobe reads this much: three seams from a stream's start (or from where RTMP joins). */
    private static final int READ_SECONDS = 7;

    @TempDir
    static Path dir;
    static CascadeServer server;
    static String http;
    static String rtmp;
    static final Map<String, Double> fileAvOffset = new HashMap<>();
    static final Map<String, Tools.Background> rtmpProbes = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        clip("bframes.mp4", "2.032", "mp4");
        clip("clip.ts", "2", "mpegts");
        int httpPort = Tools.freePort();
        int rtmpPort = Tools.freePort();
        Path conf = dir.resolve("cascade.conf");
        Files.writeString(conf, """
                http %d;
                rtmp %d;
                segment_duration 2;
                segments 10;
                stream bmp4 { input file://bframes.mp4; }
                stream tsclip { input file://clip.ts; }
                """.formatted(httpPort, rtmpPort));
        server = new CascadeServer(ConfigLoader.load(conf), dir);
        http = "http://127.0.0.1:" + httpPort + "/";
        rtmp = "rtmp://127.0.0.1:" + rtmpPort + "/static/";
        for (String name : List.of("bmp4", "tsclip")) {
            Tools.await(Duration.ofSeconds(20), name + " to have a segment",
                    () -> server.streams().find(name).orElseThrow().store().closedSegments().size() >= 1);
            rtmpProbes.put(name, probeToFile(rtmp + name, dir.resolve(name + "-rtmp.json")));
        }
        for (String name : List.of("bmp4", "tsclip")) {
            Tools.await(Duration.ofSeconds(30), name + " to have 4 segments (3 loops)",
                    () -> server.streams().find(name).orElseThrow().store().closedSegments().size() >= 4);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Tools.Background p : rtmpProbes.values()) {
            p.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** 25 fps H.264 with 2 B-frames, GOP 1 s, 2 s of video; 48 kHz AAC of {@code audioSeconds}. */
    private static void clip(String name, String audioSeconds, String format) throws Exception {
        Path file = dir.resolve(name);
        Tools.Result r = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-t", "2", "-i", "testsrc2=size=320x180:rate=25",
                "-f", "lavfi", "-t", audioSeconds, "-i", "sine=frequency=440:sample_rate=48000",
                "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2",
                "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-b:v", "200k",
                "-c:a", "aac", "-b:a", "64k", "-ac", "2", "-f", format, file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Packets packets = Packets.parse(Tools.run(Duration.ofSeconds(30), probeArgs(file.toString())).out());
        assertThat(packets.video.get(0).dts).as("B-frames: first DTS before first PTS").isLessThan(packets.video.get(0).pts);
        fileAvOffset.put(name, packets.audio.get(0).pts - packets.video.get(0).pts);
    }

    private static String[] probeArgs(String url, String... before) {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(before));
        cmd.addAll(List.of("-show_entries", "stream=index,codec_type,time_base:packet=stream_index,pts,dts,flags",
                "-of", "json", url));
        return cmd.toArray(String[]::new);
    }

    /** ffprobe reading {@link #READ_SECONDS} of a live URL in the background, its JSON into {@code out}. */
    private static Tools.Background probeToFile(String url, Path out) throws IOException {
        Path err = Files.createTempFile(dir, "ffprobe", ".err");
        Process p = new ProcessBuilder(probeArgs(url, "-read_intervals", "%+" + READ_SECONDS))
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new Tools.Background(p, err);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "bmp4, bframes.mp4, mono.m3u8",
            "bmp4, bframes.mp4, index.fmp4.m3u8",
            "tsclip, clip.ts, mono.m3u8",
            "tsclip, clip.ts, index.fmp4.m3u8",
    })
    void hlsPlaysAcrossThreeSeams(String stream, String file, String playlist) throws Exception {
        Tools.Result r = Tools.run(Duration.ofSeconds(60), probeArgs(http + stream + "/" + playlist,
                "-live_start_index", "0", "-read_intervals", "%+" + READ_SECONDS));
        assertThat(r.exit()).as(r.err()).isZero();
        assertSeamless(Packets.parse(r.out()), fileAvOffset.get(file), 1 / 90000.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bmp4, bframes.mp4", "tsclip, clip.ts"})
    void rtmpPlaysAcrossThreeSeams(String stream, String file) throws Exception {
        Tools.Background probe = rtmpProbes.get(stream);
        assertThat(probe.waitFor(Duration.ofSeconds(30))).as(probe.errText()).isZero();
        String out = Files.readString(dir.resolve(stream + "-rtmp.json"));
        assertSeamless(Packets.parse(out), fileAvOffset.get(file), 0.001);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bmp4", "tsclip"})
    void everySegmentDeclaresWhatItHolds(String stream) throws Exception {
        List<Segment> segments = server.streams().find(stream).orElseThrow().store().closedSegments();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
        for (Segment s : segments) {
            List<Track> tracks = s.init().tracks();
            long video = CmafReader.readFragments(s.bytes(), tracks).stream()
                    .filter(f -> tracks.stream().anyMatch(t -> t.id() == f.trackId() && t.kind() == MediaKind.VIDEO))
                    .mapToLong(Frame::duration).sum();
            assertThat(s.duration()).as("segment %d", s.number()).isEqualTo(video);
        }
        Matcher extinf = Pattern.compile("#EXTINF:([0-9.]+),").matcher(Tools.getText(http + stream + "/mono.m3u8"));
        int n = 0;
        while (extinf.find()) {
            assertThat(extinf.group(1)).isEqualTo("2.000");
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(4);
    }

    /**
     * Video DTS steps exactly one frame; audio steps neither overlap nor leave a whole frame out;
     * every loop starts its audio (the frame after the seam's short gap) at the file's A/V offset
     * from a video keyframe, one loop period after the previous loop's.
     */
    private static void assertSeamless(Packets p, double fileOffset, double tick) {
        assertThat(p.video.size()).as("video packets").isGreaterThan((int) ((READ_SECONDS - 1) / FRAME));
        for (int i = 1; i < p.video.size(); i++) {
            assertThat(p.video.get(i).dts - p.video.get(i - 1).dts).as("video DTS step at %f", p.video.get(i - 1).dts)
                    .isCloseTo(FRAME, org.assertj.core.data.Offset.offset(tick / 2));
        }
        List<Double> loopStarts = new ArrayList<>();
        for (int i = 1; i < p.audio.size(); i++) {
            double step = p.audio.get(i).dts - p.audio.get(i - 1).dts;
            assertThat(step).as("audio step at %f", p.audio.get(i - 1).dts)
                    .isGreaterThan(AUDIO_FRAME - tick).isLessThan(2 * AUDIO_FRAME);
            if (step > AUDIO_FRAME + 1.5 * tick) {
                loopStarts.add(p.audio.get(i).pts);
            }
        }
        assertThat(loopStarts).as("audio at each seam").hasSizeGreaterThanOrEqualTo(3);
        for (int k = 0; k < loopStarts.size(); k++) {
            double audio = loopStarts.get(k);
            double keyframe = p.keyframePtsNearest(audio);
            assertThat(audio - keyframe).as("A/V offset at loop %d", k)
                    .isCloseTo(fileOffset, org.assertj.core.data.Offset.offset(tick));
            if (k > 0) {
                assertThat(audio - loopStarts.get(k - 1)).as("loop %d period", k)
                        .isCloseTo(PERIOD, org.assertj.core.data.Offset.offset(tick));
            }
        }
    }

    /** One stream's packets in seconds, in file order. */
    record Packet(double dts, double pts, boolean key) {
    }

    record Packets(List<Packet> video, List<Packet> audio) {
        static Packets parse(String json) throws IOException {
            JsonNode root = JSON.readTree(json);
            Map<Integer, String> kinds = new HashMap<>();
            Map<Integer, Double> bases = new HashMap<>();
            for (JsonNode s : root.path("streams")) {
                kinds.put(s.get("index").asInt(), s.get("codec_type").asText());
                String[] tb = s.get("time_base").asText().split("/");
                bases.put(s.get("index").asInt(), Double.parseDouble(tb[0]) / Double.parseDouble(tb[1]));
            }
            Packets out = new Packets(new ArrayList<>(), new ArrayList<>());
            for (JsonNode pk : root.path("packets")) {
                int index = pk.get("stream_index").asInt();
                if (!pk.has("dts") || !pk.has("pts")) {
                    continue;
                }
                double base = bases.get(index);
                Packet packet = new Packet(pk.get("dts").asLong() * base, pk.get("pts").asLong() * base,
                        pk.path("flags").asText().startsWith("K"));
                (kinds.get(index).equals("video") ? out.video : out.audio).add(packet);
            }
            return out;
        }

        double keyframePtsNearest(double time) {
            return video.stream().filter(Packet::key).mapToDouble(Packet::pts)
                    .reduce((a, b) -> Math.abs(a - time) <= Math.abs(b - time) ? a : b).orElseThrow();
        }
    }
}
