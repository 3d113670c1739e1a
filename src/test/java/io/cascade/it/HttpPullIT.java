package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pulls over HTTP: {@code tshttp://} from a server streaming a TS file at its real-time rate and
 * from another Cascade's {@code /NAME/mpegts},
 * {@code hls://} from another Cascade (its TS and its fMP4 playlists) and from a live folder
 * ffmpeg writes, each segment fetched once; and garbage (random bytes as TS, a page that is no
 * playlist) failing only that input, with the reason in the API.
 */
@RequiresTools
class HttpPullIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static CascadeServer origin;
    static CascadeServer edge;
    static StaticHttp files;
    static Tools.Background hlsWriter;
    static Tools.Background fmp4Writer;
    static String http;

    @BeforeAll
    static void start() throws Exception {
        Path clip = Tools.makeClip(dir, "clip.ts", 10, "320x240", "mpegts");
        Path folder = Files.createDirectories(dir.resolve("static"));
        hlsWriter = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "hls", "-hls_time", "1", "-hls_list_size", "4",
                "-hls_flags", "delete_segments", folder.resolve("live.m3u8").toString());
        Path fmp4 = Files.createDirectories(folder.resolve("f"));
        fmp4Writer = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                // The audio encoded anew: an fMP4 init ffmpeg 5.1 writes while copying ADTS audio has
                // an esds without its AudioSpecificConfig, which the input refuses, saying so.
                "-i", clip.toString(), "-c:v", "copy", "-c:a", "aac", "-b:a", "64k", "-f", "hls", "-hls_time", "1",
                "-hls_list_size", "4", "-hls_segment_type", "fmp4", "-hls_flags", "delete_segments", fmp4.resolve("live.m3u8").toString());
        files = new StaticHttp(folder).liveTs("/live.ts", Files.readAllBytes(clip), 10).junk("/junk.ts")
                .fixed("/broken.m3u8", "<html><body>502 Bad Gateway</body></html>").start();
        int originPort = Tools.freePort();
        Files.writeString(dir.resolve("origin.conf"), """
                http %d;
                segment_duration 1;
                stream src { input file://clip.ts; }
                """.formatted(originPort));
        origin = new CascadeServer(ConfigLoader.load(dir.resolve("origin.conf")), dir);
        int edgePort = Tools.freePort();
        String f = files.base();
        String o = "127.0.0.1:" + originPort;
        Files.writeString(dir.resolve("edge.conf"), """
                http %d;
                segment_duration 1;
                stream overts { input tshttp://%s/live.ts; }
                stream fromcascade { input tshttp://%s/src/mpegts; }
                stream fromts { input hls://%s/src/index.m3u8; }
                stream fromfmp4 { input hls://%s/src/index.fmp4.m3u8; }
                stream folder { input hls://%s/files/live.m3u8; }
                stream folderfmp4 { input hls://%s/files/f/live.m3u8; }
                stream tsjunk { input tshttp://%s/junk.ts; }
                stream hlsjunk { input hls://%s/broken.m3u8; }
                """.formatted(edgePort, f, o, o, o, f, f, f, f));
        edge = new CascadeServer(ConfigLoader.load(dir.resolve("edge.conf")), dir);
        http = "http://127.0.0.1:" + edgePort + "/";
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (origin != null) {
            origin.close();
        }
        if (files != null) {
            files.close();
        }
        if (hlsWriter != null) {
            hlsWriter.close();
        }
        if (fmp4Writer != null) {
            fmp4Writer.close();
        }
    }

    static void awaitSegments(String name, int count) throws InterruptedException {
        Tools.await(Duration.ofSeconds(40), name + " to have " + count + " segments",
                () -> edge.streams().find(name).orElseThrow().store().closedSegments().size() >= count);
    }

    static JsonNode inputStats(String name) throws Exception {
        return JSON.readTree(Tools.getText(http + "streamer/api/v3/streams/" + name)).get("inputs").get(0).get("stats");
    }

    static void assertPlays(String name) throws Exception {
        awaitSegments(name, 2);
        JsonNode streams = JSON.readTree(Tools.ffprobeJson(http + name + "/index.m3u8")).get("streams");
        assertThat(streams.findValuesAsText("codec_name")).as(name).contains("h264", "aac");
        assertThat(streams.findValues("width").stream().map(JsonNode::asInt).toList()).containsOnly(320);
        assertThat(inputStats(name).get("bytes").asLong()).isPositive();
    }

    @Test
    void transportStreamOverHttpPlays() throws Exception {
        assertPlays("overts");
        assertThat(inputStats("overts").get("state").asText()).isEqualTo("active");
    }

    @Test
    void transportStreamOverHttpFromAnotherCascadePlays() throws Exception {
        assertPlays("fromcascade");
    }

    @Test
    void hlsFromAnotherCascadePlaysFromItsTsAndItsFmp4Playlists() throws Exception {
        assertPlays("fromts");
        assertPlays("fromfmp4");
    }

    @Test
    void hlsFromAFolderFollowsThePlaylistAndFetchesEachSegmentOnce() throws Exception {
        awaitSegments("folder", 4);
        assertPlays("folder");
        List<String> fetched = files.requests.keySet().stream().filter(n -> n.endsWith(".ts")).toList();
        assertThat(fetched).hasSizeGreaterThanOrEqualTo(4);
        for (String segment : fetched) {
            assertThat(files.requestsFor(segment)).as("fetches of " + segment).isEqualTo(1);
        }
        List<Integer> numbers = fetched.stream().map(n -> Integer.parseInt(n.replaceAll("[^0-9]", ""))).sorted().toList();
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("segments fetched " + numbers).isEqualTo(numbers.get(i - 1) + 1);
        }
        assertThat(files.requestsFor("live.m3u8")).as("playlist reloads").isGreaterThanOrEqualTo(2);
    }

    @Test
    void hlsFromAFolderOfFmp4SegmentsPlays() throws Exception {
        assertPlays("folderfmp4");
        List<String> fetched = files.requests.keySet().stream().filter(n -> n.startsWith("f/") && n.endsWith(".m4s")).toList();
        assertThat(fetched).isNotEmpty();
        for (String segment : fetched) {
            assertThat(files.requestsFor(segment)).as("fetches of " + segment).isEqualTo(1);
        }
        assertThat(files.requestsFor("f/init.mp4")).as("the init, fetched once").isEqualTo(1);
    }

    @Test
    void garbageFailsOnlyItsInputAndSaysWhy() throws Exception {
        Tools.await(Duration.ofSeconds(20), "both garbage inputs to fail", () -> {
            try {
                return inputStats("tsjunk").get("last_error").asText().contains("not an MPEG-TS stream")
                        && inputStats("hlsjunk").get("last_error").asText().contains("not an HLS playlist");
            } catch (Exception e) {
                return false;
            }
        });
        for (String name : List.of("tsjunk", "hlsjunk")) {
            assertThat(edge.streams().find(name).orElseThrow().store().closedSegments()).isEmpty();
        }
        assertThat(Stream.of("overts", "fromts").allMatch(n -> edge.streams().find(n).orElseThrow().isAlive())).isTrue();
    }
}
