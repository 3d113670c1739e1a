package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.mpegts.TsContinuity;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real players against a looping file stream on an origin and on a restreamer of it: VLC over
 * HLS-TS, hls.js (TS and fMP4) and dash.js in headless Chromium, and the MPEG-TS continuity of
 * consecutive segments fetched over HTTP. The browser test goes first; VLC plays meanwhile.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresTools
class PlayersIT {
    /** The clip's length: any 42 s of playback crosses at least two loop seams. */
    static final int CLIP_SECONDS = 20;
    static final int PLAY_SECONDS = 45;
    static final double MIN_ADVANCE = 42;
    static final String STREAM = "loop";
    static final int VLC_SECONDS = 20;

    @TempDir
    static Path dir;
    static final List<CascadeServer> servers = new ArrayList<>();
    static CascadeServer origin;
    static CascadeServer restreamer;
    static Map<String, CompletableFuture<Vlc.Run>> vlcRuns = Map.of();

    @BeforeAll
    static void start() throws Exception {
        Tools.makeClip(dir, "clip.mp4", CLIP_SECONDS, "320x180", "mp4");
        origin = server("""
                cluster_key %s;
                segment_duration 2;
                segments 12;
                stream %s { input file://clip.mp4; }
                """.formatted(ClusterIT.KEY, STREAM));
        restreamer = server("cluster_key %s;\nsegments 12;\nsource 127.0.0.1:%d;\n".formatted(ClusterIT.KEY, origin.httpPort()));
        for (CascadeServer s : servers) {
            Tools.await(Duration.ofSeconds(30), "3 segments on port " + s.httpPort(), () -> s.streams().find(STREAM)
                    .map(l -> l.store().closedSegments().size() >= 3).orElse(false));
        }
        if (Vlc.installed()) { // VLC uses little CPU: it plays while the browser test runs, to save time
            vlcRuns = Map.of("origin", Vlc.playInBackground(url(origin, "mono.m3u8"), VLC_SECONDS),
                    "restreamer", Vlc.playInBackground(url(restreamer, "mono.m3u8"), VLC_SECONDS));
        }
    }

    @AfterAll
    static void stop() {
        vlcRuns.values().forEach(run -> run.handle((r, e) -> r).join()); // bounded by the player's timeout
        servers.forEach(CascadeServer::close);
    }

    static CascadeServer server(String body) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + Tools.freePort() + ";\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 3_000);
        servers.add(s);
        return s;
    }

    static String url(CascadeServer s, String file) {
        return "http://127.0.0.1:" + s.httpPort() + "/" + STREAM + "/" + file;
    }

    @Test
    @Order(1)
    void hlsJsAndDashJsPlayAcrossTwoLoopSeamsWithoutAStallAnErrorOrAHole() throws Exception {
        Browser.requireInstalled();
        List<Browser.Player> players = new ArrayList<>();
        for (CascadeServer s : servers) {
            String where = s == origin ? "origin" : "restreamer";
            players.add(new Browser.Player("hls.js TS on the " + where, "hls", url(s, "index.m3u8")));
            players.add(new Browser.Player("hls.js fMP4 on the " + where, "hls", url(s, "index.fmp4.m3u8")));
            players.add(new Browser.Player("dash.js on the " + where, "dash", url(s, "index.mpd")));
        }
        Map<String, JsonNode> records = Browser.play(players, PLAY_SECONDS, 15);
        List<String> failures = new ArrayList<>();
        records.forEach((name, record) -> failures.addAll(PlaybackRecord.failures(name, record, MIN_ADVANCE)));
        records.forEach((name, record) -> System.out.println(PlaybackRecord.summary(name, record)));
        assertThat(failures).as("what the players saw").isEmpty();
    }

    @Test
    @Order(2)
    void vlcPlaysHlsTsWithoutDiscontinuitiesOrDuplicates() throws Exception {
        Vlc.requireInstalled();
        for (var e : vlcRuns.entrySet()) {
            Vlc.Run run = e.getValue().get();
            String what = "VLC on the " + e.getKey();
            assertThat(run.linesWith("discontinuity received")).as(what).isEmpty();
            assertThat(run.linesWith("TS duplicate")).as(what).isEmpty();
            assertThat(run.linesWith("TS discontinuity")).as(what + " (PSI)").isEmpty();
            assertThat(run.segments().stream().distinct().count()).as(what + ": segments fetched").isGreaterThanOrEqualTo(8);
            assertThat(run.framesDecoded()).as(what + ": frames decoded (25 a second)\n" + PlayerProcess.tail(run.log(), 3000))
                    .isGreaterThanOrEqualTo(12 * 25);
        }
    }

    @Test
    @Order(3)
    void tenConsecutiveTsSegmentsOverHttpAreContinuousAndTheSameOnTheRestreamer() throws Exception {
        for (CascadeServer s : servers) {
            Tools.await(Duration.ofSeconds(40), "10 segments on port " + s.httpPort(),
                    () -> s.streams().find(STREAM).orElseThrow().store().closedSegments().size() >= 10);
        }
        List<String> uris = tsUris(Tools.getText(url(restreamer, "mono.m3u8")));
        uris = uris.subList(uris.size() - 10, uris.size());
        ByteArrayOutputStream played = new ByteArrayOutputStream();
        for (String uri : uris) {
            byte[] fromRestreamer = Tools.get(url(restreamer, uri)).body();
            byte[] fromOrigin = Tools.get(url(origin, uri)).body();
            assertThat(ClusterIT.sha256(fromRestreamer)).as("TS bytes of %s on both servers", uri)
                    .isEqualTo(ClusterIT.sha256(fromOrigin));
            played.writeBytes(fromRestreamer);
        }
        assertThat(TsContinuity.breaks(played.toByteArray())).as("continuity over " + uris).isEmpty();
    }

    private static List<String> tsUris(String playlist) {
        return playlist.lines().filter(l -> !l.startsWith("#") && l.endsWith(".ts")).toList();
    }
}
