package io.cascade.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cascade.CascadeServer;
import io.cascade.cluster.ClusterAuth;
import io.cascade.cluster.M4fMessage;
import io.cascade.cluster.PeerConnector;
import io.cascade.config.ConfigLoader;
import io.cascade.config.HostPort;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.stream.LiveStream;
import io.cascade.testing.RequiresTools;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restreamer behind a relay that damages what its source sends, one attack at a time: a keyed
 * peer that signs correctly but lies about times and durations, and a keyless one that flips,
 * drops or cuts bytes. Each is refused with one log line, nothing damaged is stored, and the
 * stream plays again within a few seconds once the relay passes the source through unharmed.
 */
@RequiresTools
class HostileSourceIT {
    private static final String KEY = ClusterIT.KEY;

    /** What the relay does to the first message of its kind on one connection. */
    enum Attack {
        FUTURE_START('S', "s after this server's clock"),
        HUGE_DURATION('E', "lasts 2592000.000 s"),
        FLIPPED_BYTE('C', "fails its MAC"),
        DROPPED_MESSAGE('C', "fails its MAC"),
        TRUNCATED('C', "truncated message");

        final char target;
        final String logged;

        Attack(char target, String logged) {
            this.target = target;
            this.logged = logged;
        }
    }

    @TempDir
    Path dir;
    private final List<CascadeServer> servers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void stop() {
        root.detachAppender(logged);
        servers.forEach(CascadeServer::close);
    }

    private CascadeServer server(String body) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + Tools.freePort() + ";\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 3_000);
        servers.add(s);
        return s;
    }

    @Test
    void eachDamagedMessageIsRefusedLoggedNeverStoredAndPlayResumes() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 4, "320x180", "mp4");
        CascadeServer origin = server("cluster_key %s;\nsegment_duration 1;\nsegments 200;\nstream tv { input file://clip.mp4; }\n"
                .formatted(KEY));
        AtomicReference<Attack> next = new AtomicReference<>();
        HostPort source = HostPort.parse("127.0.0.1:" + origin.httpPort());
        try (FakeM4fSource relay = new FakeM4fSource(KEY, (n, path, out) -> relay(source, path, out, next))) {
            String url = "m4f://127.0.0.1:" + relay.port() + "/tv";
            logged.start();
            root.addAppender(logged);
            CascadeServer restreamer = server("cluster_key %s;\nsegment_duration 1;\nsegments 200;\nstream tv { input %s; }\n"
                    .formatted(KEY, url));
            LiveStream tv = restreamer.streams().find("tv").orElseThrow();
            Tools.await(Duration.ofSeconds(20), "first segments through the relay", () -> tv.store().closedSegments().size() >= 2);

            for (Attack attack : Attack.values()) {
                long earlier = failures(url, attack);
                next.set(attack);
                Tools.await(Duration.ofSeconds(15), attack + " refused", () -> failures(url, attack) > earlier);
                long refusedAt = System.nanoTime();
                long lastBefore = tv.store().lastNumber();
                Tools.await(Duration.ofSeconds(8), "a new segment after " + attack,
                        () -> lastClosed(tv) > lastBefore);
                System.out.printf("%s: playing again %d ms after the refusal%n", attack,
                        Duration.ofNanos(System.nanoTime() - refusedAt).toMillis());
                assertThat(failures(url, attack)).as("one log line for " + attack).isEqualTo(earlier + 1);
                assertThat(next.get()).as("the attack was made").isNull();
            }

            assertStoredEqualsOrigin(tv, origin.streams().find("tv").orElseThrow());
            assertThat(tv.isAlive()).isTrue();
            assertThat(Tools.get("http://127.0.0.1:" + restreamer.httpPort() + "/tv/mono.m3u8").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSourceWhoseTimelineMovesBackToTheClockIsFollowedWithADiscontinuity() throws Exception {
        Tools.makeClip(dir, "clip.mp4", 2, "320x180", "mp4");
        CascadeServer origin = server("segment_duration 1;\nstream tv { input file://clip.mp4; }\n");
        LiveStream real = origin.streams().find("tv").orElseThrow();
        Tools.await(Duration.ofSeconds(20), "an init segment", () -> real.store().init().isPresent());
        byte[] init = real.store().init().orElseThrow().bytes();
        long now = Timebase.now();
        long second = Timebase.HZ;
        // Three segments 6 s ahead of the clock (within bounds), then the source is back at the clock.
        long[] starts = {now + 6 * second, now + 7 * second, now + 8 * second, now, now + second};
        FakeM4fSource.Scenario scenario = (n, path, out) -> {
            out.send(M4fMessage.hello("{\"version\":2}"));
            out.send(M4fMessage.init(1, init));
            for (int i = 0; i < starts.length; i++) {
                out.send(M4fMessage.segmentStart(100 + i, starts[i], 1, false));
                out.write(out.encoder.encodeChunk(100 + i, new byte[] {(byte) i}));
                out.send(M4fMessage.segmentEnd(100 + i, second));
            }
            while (true) {
                Thread.sleep(500);
                out.send(M4fMessage.ping());
            }
        };
        try (FakeM4fSource source = new FakeM4fSource(KEY, scenario)) {
            logged.start();
            root.addAppender(logged);
            CascadeServer restreamer = server("cluster_key %s;\nsegment_duration 1;\nstream tv { input m4f://127.0.0.1:%d/tv; }\n"
                    .formatted(KEY, source.port()));
            LiveStream tv = restreamer.streams().find("tv").orElseThrow();
            Tools.await(Duration.ofSeconds(10), "the segments after the move", () -> tv.store().lastNumber() == 104);

            List<Segment> window = tv.store().closedSegments();
            assertThat(window).extracting(Segment::startDts).containsExactly(now, now + second);
            assertThat(window).extracting(Segment::number).containsExactly(103L, 104L);
            assertThat(window.get(0).discontinuity()).isTrue();
            assertThat(window.get(1).discontinuity()).isFalse();
            assertThat(tv.store().lastEnd()).isEqualTo(now + 2 * second);
            assertThat(source.connections()).as("followed, not refused and reconnected").isEqualTo(1);
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("resyncing to the source"));
        }
    }

    /** Every segment the restreamer holds is the origin's: same number, time, duration and sha256. */
    private static void assertStoredEqualsOrigin(LiveStream copy, LiveStream original) throws Exception {
        List<Segment> stored = copy.store().closedSegments();
        assertThat(stored).hasSizeGreaterThan(5);
        long now = Timebase.now();
        for (int i = 0; i < stored.size(); i++) {
            Segment s = stored.get(i);
            Optional<Segment> o = original.store().byNumber(s.number());
            assertThat(o).as("segment %d on the origin", s.number()).isPresent();
            assertThat(s.startDts()).isEqualTo(o.get().startDts());
            assertThat(s.duration()).isEqualTo(o.get().duration());
            assertThat(ClusterIT.sha256(s.bytes())).as("sha256 of segment %d", s.number())
                    .isEqualTo(ClusterIT.sha256(o.get().bytes()));
            assertThat(s.endDts()).as("no segment in the future").isLessThan(now + 5 * Timebase.HZ);
            if (i > 0) {
                assertThat(s.number()).isEqualTo(stored.get(i - 1).number() + 1);
            }
        }
    }

    private static long lastClosed(LiveStream s) {
        List<Segment> c = s.store().closedSegments();
        return c.isEmpty() ? -1 : c.get(c.size() - 1).number();
    }

    /** WARN lines saying the relay's input failed for the reason {@code attack} causes. */
    private long failures(String url, Attack attack) {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(url) && m.contains("failed") && m.contains(attack.logged)).count();
    }

    /**
     * Passes the origin's messages through, re-signed for the restreamer's session (a relay that
     * holds the key), and makes the attack set in {@code next}, once, on the next message it targets.
     */
    private static void relay(HostPort origin, String path, FakeM4fSource.Session out, AtomicReference<Attack> next)
            throws Exception {
        try (PeerConnector.Stream s = new PeerConnector(origin, new ClusterAuth(KEY)).open(path)) {
            while (true) {
                M4fMessage m = s.next();
                Attack attack = next.get();
                if (attack == null || m.type() != attack.target || (m.type() == 'C' && m.payload().length < 100)
                        || !next.compareAndSet(attack, null)) {
                    out.send(m);
                    continue;
                }
                switch (attack) {
                    case FUTURE_START -> out.send(withLong(m, 8, ByteBuffer.wrap(m.payload()).getLong(8) + 3600 * Timebase.HZ));
                    case HUGE_DURATION -> out.send(withLong(m, 8, 30L * 86_400 * Timebase.HZ));
                    case FLIPPED_BYTE -> {
                        // A keyless relay: it can only change bytes on the wire.
                        byte[] frame = ByteBufUtil.getBytes(out.encoder.encode(m));
                        frame[frame.length / 2] ^= 0x20;
                        out.writeRaw(frame);
                    }
                    case DROPPED_MESSAGE -> out.encoder.encode(m);
                    case TRUNCATED -> {
                        byte[] frame = ByteBufUtil.getBytes(out.encoder.encode(m));
                        out.writeRaw(Arrays.copyOf(frame, frame.length / 2));
                        return;
                    }
                }
            }
        }
    }

    private static M4fMessage withLong(M4fMessage m, int offset, long value) {
        byte[] p = m.payload().clone();
        ByteBuffer.wrap(p).putLong(offset, value);
        return new M4fMessage(m.type(), p);
    }
}
