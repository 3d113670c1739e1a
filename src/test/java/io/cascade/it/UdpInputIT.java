package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.media.Segment;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code udp://} inputs fed by ffmpeg: plain unicast, a multiplex of two programs of which one
 * is chosen, a lossy relay in between (continuity errors counted, the stream goes on, no frame
 * decodes broken), random bytes (only that input fails, with the reason), and multicast in a
 * network namespace of its own where the test may make one.
 */
@RequiresTools
class UdpInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static CascadeServer server;
    static String http;
    static int junkPort;
    static int lazyPort;
    static LossyUdpRelay relay;
    static final List<Tools.Background> senders = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path small = Tools.makeClip(dir, "small.ts", 10, "320x240", "mpegts");
        Path large = Tools.makeClip(dir, "large.ts", 10, "640x360", "mpegts");
        int httpPort = Tools.freePort();
        int plain = LossyUdpRelay.freePort();
        int multi = LossyUdpRelay.freePort();
        int lossy = LossyUdpRelay.freePort();
        junkPort = LossyUdpRelay.freePort();
        lazyPort = LossyUdpRelay.freePort();
        int wrapPort = LossyUdpRelay.freePort();
        Files.writeString(dir.resolve("cascade.conf"), """
                http %d;
                segment_duration 1;
                segments 10;
                stream plain { input udp://127.0.0.1:%d; }
                stream multi { input udp://127.0.0.1:%d?program=2; }
                stream lossy { input udp://127.0.0.1:%d; }
                stream junk { input udp://127.0.0.1:%d; }
                stream lazy { input udp://127.0.0.1:%d; ondemand; }
                stream wrap { input udp://127.0.0.1:%d; }
                """.formatted(httpPort, plain, multi, lossy, junkPort, lazyPort, wrapPort));
        server = new CascadeServer(ConfigLoader.load(dir.resolve("cascade.conf")), dir);
        http = "http://127.0.0.1:" + httpPort + "/";
        relay = new LossyUdpRelay(lossy, 150);
        senders.add(send(small, "udp://127.0.0.1:" + plain));
        senders.add(send(small, "udp://127.0.0.1:" + relay.port()));
        senders.add(send(small, "udp://127.0.0.1:" + lazyPort));
        // PTS and PCR start about a second before the 33-bit wrap (2^33 / 90 kHz = 95443.7 s).
        senders.add(Tools.background("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", small.toString(), "-c", "copy", "-output_ts_offset", "95441.2", "-f", "mpegts",
                "udp://127.0.0.1:" + wrapPort + "?pkt_size=1316"));
        // Two programs: 1 is the small clip's video alone, 2 the large clip's video and audio.
        senders.add(Tools.background("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", small.toString(), "-re", "-stream_loop", "-1", "-i", large.toString(),
                "-map", "0:v", "-map", "1:v", "-map", "1:a", "-c", "copy",
                "-program", "program_num=1:title=small:st=0", "-program", "program_num=2:title=large:st=1:st=2",
                "-f", "mpegts", "udp://127.0.0.1:" + multi + "?pkt_size=1316"));
    }

    static Tools.Background send(Path clip, String url) throws IOException {
        return Tools.background("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", clip.toString(), "-c", "copy", "-f", "mpegts", url + "?pkt_size=1316");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Tools.Background b : senders) {
            b.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static void awaitSegments(String name, int count) throws InterruptedException {
        Tools.await(Duration.ofSeconds(30), name + " to have " + count + " segments",
                () -> server.streams().find(name).orElseThrow().store().closedSegments().size() >= count);
    }

    static JsonNode api(String name) throws Exception {
        return JSON.readTree(Tools.getText(http + "streamer/api/v3/streams/" + name));
    }

    static JsonNode probe(String name) throws Exception {
        return JSON.readTree(Tools.ffprobeJson(http + name + "/index.m3u8")).get("streams");
    }

    @Test
    void ffmpegOverUnicastUdpPlaysOverHls() throws Exception {
        awaitSegments("plain", 2);
        JsonNode streams = probe("plain");
        assertThat(streams.findValuesAsText("codec_name")).contains("h264", "aac");
        JsonNode input = api("plain").get("inputs").get(0).get("stats");
        assertThat(input.get("state").asText()).isEqualTo("active");
        assertThat(input.get("bytes").asLong()).isPositive();
        assertThat(input.get("errors").asLong()).isZero();
    }

    @Test
    void anOnDemandStreamReceivesOnlyOnceAViewerAsks() throws Exception {
        Thread.sleep(1000); // its sender has been sending meanwhile
        assertThat(api("lazy").get("inputs").get(0).get("stats").get("bytes").asLong())
                .as("bytes received before anyone asked").isZero();
        JsonNode streams = probe("lazy");
        assertThat(streams.findValuesAsText("codec_name")).contains("h264", "aac");
        assertThat(api("lazy").get("inputs").get(0).get("stats").get("bytes").asLong()).isPositive();
    }

    @Test
    void timestampsGoOnAcrossThe33BitWrap() throws Exception {
        awaitSegments("wrap", 6);
        List<Segment> segs = server.streams().find("wrap").orElseThrow().store().closedSegments();
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).discontinuity()).as("segment %d", segs.get(i).number()).isFalse();
            assertThat(segs.get(i).startDts()).isGreaterThanOrEqualTo(segs.get(i - 1).endDts());
            assertThat(segs.get(i).startDts() - segs.get(i - 1).endDts()).as("gap").isLessThan(9_000);
        }
        assertThat(probe("wrap").findValuesAsText("codec_name")).contains("h264", "aac");
    }

    @Test
    void theProgramAskedForIsTheOnePlayed() throws Exception {
        awaitSegments("multi", 2);
        JsonNode streams = probe("multi");
        assertThat(streams.findValuesAsText("codec_name")).contains("h264", "aac");
        assertThat(streams.findValues("width").stream().map(JsonNode::asInt).toList()).containsOnly(640);
    }

    @Test
    void packetLossIsCountedAndNoSegmentCarriesABrokenFrame() throws Exception {
        Tools.await(Duration.ofSeconds(30), "continuity errors counted in the API", () -> {
            try {
                return api("lossy").get("inputs").get(0).get("stats").get("errors").asLong() > 0;
            } catch (Exception e) {
                return false;
            }
        });
        awaitSegments("lossy", 4);
        List<Segment> segments = server.streams().find("lossy").orElseThrow().store().closedSegments();
        Path joined = dir.resolve("lossy.ts");
        try (OutputStream out = Files.newOutputStream(joined)) {
            String playlist = Tools.getText(http + "lossy/mono.m3u8");
            for (String line : playlist.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.write(Tools.get(http + "lossy/" + line.trim()).body());
                }
            }
        }
        Tools.Result decoded = Tools.run(Duration.ofSeconds(60), "ffmpeg", "-hide_banner", "-v", "error",
                "-i", joined.toString(), "-f", "null", "-");
        assertThat(relay.dropped.get()).isPositive();
        assertThat(server.streams().meterRegistry().get(io.cascade.stream.StreamRegistry.INPUT_ERRORS)
                .tag("stream", "lossy").functionCounter().count()).as("the metric").isPositive();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(4);
        assertThat(decoded.exit()).isZero();
        assertThat(decoded.err()).as("the decoder's complaints about the lossy stream's segments").isBlank();
    }

    @Test
    void randomBytesFailOnlyThatInputAndSayWhy() throws Exception {
        Random random = new Random(7);
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] junk = new byte[1316];
            for (int i = 0; i < 1200; i++) {
                random.nextBytes(junk);
                s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), junkPort));
                if (i % 100 == 0) {
                    Thread.sleep(5);
                }
            }
        }
        Tools.await(Duration.ofSeconds(10), "the junk input to fail", () -> {
            try {
                JsonNode stats = api("junk").get("inputs").get(0).get("stats");
                return stats.get("last_error").asText().contains("not an MPEG-TS stream");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(server.streams().find("junk").orElseThrow().store().closedSegments()).isEmpty();
        awaitSegments("plain", 2);
        assertThat(server.streams().find("plain").orElseThrow().isAlive()).isTrue();
    }

    /**
     * Multicast with a group join, and a source-specific join, inside a network namespace this
     * test makes (root only): the server runs there as its own process, with ffmpeg sending to the
     * group on the namespace's loopback.
     */
    @Test
    @RequiresTools({"ffmpeg", "ffprobe", "unshare", "ip", "curl"})
    void multicastJoinsInANetworkNamespace() throws Exception {
        Tools.Result can = Tools.run(Duration.ofSeconds(10), "unshare", "-n", "sh", "-c",
                "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo");
        Assumptions.assumeTrue(can.exit() == 0, "cannot make a network namespace here: " + can.err());
        Path conf = dir.resolve("mc.conf");
        Files.writeString(conf, """
                http 18090;
                segment_duration 1;
                stream group { input udp://239.7.7.7:5004?iface=lo; }
                stream ssm { input udp://232.7.7.7:5006?iface=lo&source=127.0.0.1; }
                stream other { input udp://232.7.7.7:5006?iface=lo&source=127.0.0.9; }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        String script = String.join("\n",
                "ip link set lo up; ip link set lo multicast on; ip route add 224.0.0.0/4 dev lo",
                "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' io.cascade.Main '" + conf
                        + "' > '" + dir.resolve("mc-server.log") + "' 2>&1 & S=$!",
                "for g in 239.7.7.7:5004 232.7.7.7:5006; do ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i '"
                        + dir.resolve("small.ts") + "' -c copy -f mpegts \"udp://$g?pkt_size=1316&ttl=1&localaddr=127.0.0.1\""
                        + " & done",
                "for s in group ssm; do ok=0; for i in $(seq 1 60); do",
                "  if ffprobe -v error -print_format json -show_streams http://127.0.0.1:18090/$s/index.m3u8"
                        + " > '" + dir + "'/mc-$s.json 2>/dev/null; then ok=1; break; fi; sleep 0.5; done; echo \"$s=$ok\"; done",
                "curl -s http://127.0.0.1:18090/streamer/api/v3/streams/other > '" + dir + "'/mc-other.json",
                "kill $S; kill $(jobs -p) 2>/dev/null; wait");
        Tools.Result r = Tools.run(Duration.ofSeconds(90), "unshare", "-n", "bash", "-c", script);
        assertThat(r.out()).as(r.err() + Files.readString(dir.resolve("mc-server.log"))).contains("group=1", "ssm=1");
        for (String s : List.of("group", "ssm")) {
            JsonNode streams = JSON.readTree(Files.readString(dir.resolve("mc-" + s + ".json"))).get("streams");
            assertThat(streams.findValuesAsText("codec_name")).contains("h264", "aac");
        }
        JsonNode other = JSON.readTree(Files.readString(dir.resolve("mc-other.json")));
        assertThat(other.get("inputs").get(0).get("stats").get("bytes").asLong())
                .as("a source filter for another sender lets nothing in").isZero();
    }
}
