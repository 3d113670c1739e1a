package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publisher whose clock jumps every way a broken or hostile one does (32-bit wrap-around, an
 * extended-timestamp step of +4·10⁹ ms, a step back, a run of frames at one time, a step of an
 * hour), then a normal ffmpeg publisher: on the origin and on a restreamer pulling it, every
 * playlist answers 200, keeps one target duration, lists no segment longer than it allows, and
 * ends up within seconds of the wall clock.
 */
@RequiresTools
class TimestampJumpIT {
    private static final String KEY = "jump-test-cluster-key-0123456789";
    private static final long WRAP = 1L << 32;

    @TempDir
    static Path dir;
    static CascadeServer origin;
    static CascadeServer edge;
    static int rtmpPort;

    @BeforeAll
    static void start() throws Exception {
        rtmpPort = Tools.freePort();
        origin = server("""
                rtmp %d;
                cluster_key %s;
                segment_duration 2;
                segments 10;
                stream cam { input publish://; }
                """.formatted(rtmpPort, KEY));
        // A different segment_duration on purpose: the restreamer's playlists follow the source's.
        edge = server("""
                cluster_key %s;
                segment_duration 4;
                source 127.0.0.1:%d { only cam; }
                """.formatted(KEY, origin.httpPort()));
    }

    @AfterAll
    static void stop() {
        if (edge != null) {
            edge.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private static CascadeServer server(String body) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + Tools.freePort() + ";\n" + body);
        return new CascadeServer(ConfigLoader.load(conf), dir, 60_000);
    }

    /** Polls the playlists of both servers, keeping every answer. */
    private static final class Poller implements AutoCloseable {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> playlists = new CopyOnWriteArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Poller(List<String> urls) {
            thread = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    for (String url : urls) {
                        try {
                            HttpResponse<byte[]> r = Tools.get(url);
                            String text = new String(r.body());
                            if (r.statusCode() != 200) {
                                failures.add(url + " -> " + r.statusCode() + " " + text);
                            } else {
                                playlists.add(text);
                            }
                        } catch (Exception e) {
                            failures.add(url + " -> " + e);
                        }
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    private static String base(CascadeServer s) {
        return "http://127.0.0.1:" + s.httpPort() + "/cam/";
    }

    private static int segments(CascadeServer s) {
        return s.streams().find("cam").map(l -> l.store().closedSegments().size()).orElse(0);
    }

    /** Sends {@code seconds} of 25 fps video with audio at wire time {@code ts}, in real time. */
    private static long play(CraftedPublisher p, long ts, double seconds) throws Exception {
        for (int i = 0; i < seconds * 25; i++) {
            p.audio(ts);
            p.audio(ts + 20);
            p.video(ts, i % 25 == 0, 2_000);
            ts += 40;
            Thread.sleep(40);
        }
        return ts;
    }

    @Test
    void jumpsNeverBreakPlaylistsNorLeaveTheTimelineInTheFuture() throws Exception {
        long ts = WRAP - 2_000; // wraps after two seconds
        List<String> urls = new ArrayList<>();
        for (CascadeServer s : List.of(origin, edge)) {
            for (String playlist : List.of("index.m3u8", "mono.m3u8", "index.fmp4.m3u8", "mono.fmp4.m3u8")) {
                urls.add(base(s) + playlist);
            }
        }
        Poller poller = null;
        try (CraftedPublisher p = CraftedPublisher.publish(rtmpPort, "static", "cam", ts)) {
            ts = play(p, ts, 4);
            Tools.await(Duration.ofSeconds(20), "the edge's first segment", () -> segments(edge) >= 1);
            poller = new Poller(urls);
            ts = play(p, ts + 4_000_000_000L, 2);   // the extended timestamp leaps by 4e9 ms
            ts = play(p, ts - 30_000, 2);           // and back by 30 s
            for (int i = 0; i < 30; i++) {          // a run of frames all at one time
                p.video(ts, i == 0, 2_000);
                p.audio(ts);
            }
            ts = play(p, ts + 40, 2);
            play(p, ts + 3_600_000, 2);             // an hour ahead
        }
        try (Tools.Background ffmpeg = Tools.background("ffmpeg", "-hide_banner", "-loglevel", "warning", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000",
                "-t", "30", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/static/cam")) {
            Tools.await(Duration.ofSeconds(20), "ffmpeg's publish to begin",
                    () -> origin.streams().find("cam").orElseThrow().activeInput().isPresent()
                            && origin.streams().find("cam").orElseThrow().isAlive());
            long before = origin.streams().find("cam").orElseThrow().store().lastNumber();
            Tools.await(Duration.ofSeconds(30), "three segments from ffmpeg on the edge", () ->
                    edge.streams().find("cam").map(l -> l.store().lastNumber() >= before + 3).orElse(false));
            poller.close();

            assertThat(poller.failures).as("every playlist answers 200").isEmpty();
            List<String> media = poller.playlists.stream().filter(p -> !p.contains("#EXT-X-STREAM-INF")).toList();
            assertThat(media).hasSizeGreaterThan(20);
            for (String playlist : media) {
                assertThat(tag(playlist, "#EXT-X-TARGETDURATION:")).as(playlist).isEqualTo("2");
                for (double extinf : extinfs(playlist)) {
                    assertThat(extinf).as(playlist).isLessThanOrEqualTo(2 * 2.0);
                    assertThat(Math.round(extinf)).as(playlist).isLessThanOrEqualTo(2);
                }
            }
            for (CascadeServer s : List.of(origin, edge)) {
                String playlist = Tools.getText(base(s) + "mono.m3u8");
                Instant end = lastEnd(playlist);
                assertThat(Duration.between(Instant.now(), end).abs()).as("PDT near now on " + s.httpPort() + ":\n" + playlist)
                        .isLessThan(Duration.ofSeconds(8));
                assertThat(playlist).contains("#EXT-X-DISCONTINUITY");
            }
            assertSameEntries(Tools.getText(base(origin) + "mono.m3u8"), Tools.getText(base(edge) + "mono.m3u8"));
        } finally {
            if (poller != null) {
                poller.close();
            }
        }
    }

    /** The segments both playlists list have the same lines on both; the target is the same. */
    private static void assertSameEntries(String origin, String edge) {
        assertThat(tag(edge, "#EXT-X-TARGETDURATION:")).isEqualTo(tag(origin, "#EXT-X-TARGETDURATION:"));
        Map<String, String> a = entries(origin);
        Map<String, String> b = entries(edge);
        a.keySet().retainAll(b.keySet());
        assertThat(a).hasSizeGreaterThan(2);
        a.forEach((uri, lines) -> assertThat(b.get(uri)).as(uri).isEqualTo(lines));
    }

    /** Segment URI to the PDT and EXTINF lines before it. */
    private static Map<String, String> entries(String playlist) {
        Map<String, String> out = new LinkedHashMap<>();
        String pdt = "";
        String extinf = "";
        for (String line : playlist.lines().toList()) {
            if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pdt = line;
            } else if (line.startsWith("#EXTINF:")) {
                extinf = line;
            } else if (!line.startsWith("#")) {
                out.put(line, pdt + "\n" + extinf);
            }
        }
        return out;
    }

    private static String tag(String playlist, String tag) {
        return playlist.lines().filter(l -> l.startsWith(tag)).findFirst().map(l -> l.substring(tag.length())).orElseThrow();
    }

    private static List<Double> extinfs(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).toList();
    }

    private static Instant lastEnd(String playlist) {
        List<String> lines = playlist.lines().toList();
        Instant start = null;
        double duration = 0;
        for (String l : lines) {
            if (l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                start = Instant.parse(l.substring(25));
            } else if (l.startsWith("#EXTINF:")) {
                duration = Double.parseDouble(l.substring(8, l.indexOf(',')));
            }
        }
        return start.plusMillis(Math.round(duration * 1000));
    }
}
