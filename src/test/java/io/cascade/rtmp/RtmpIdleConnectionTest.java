package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.cascade.rtmp.RawRtmpSockets.closedWithin;
import static io.cascade.rtmp.RawRtmpSockets.handshake;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that hold a socket without publishing, playing or sending media are closed after
 * their bounds; ones that do their job are not.
 */
@Timeout(30)
class RtmpIdleConnectionTest {
    private static final Duration START = Duration.ofMillis(2000);
    private static final Duration MEDIA = Duration.ofMillis(800);
    private static final RtmpLimits LIMITS = RtmpLimits.DEFAULT.withIdleTimeouts(START, MEDIA);

    private final CollectingHooks hooks = new CollectingHooks("live/cam");
    private RtmpServer server;

    /** Loads the classes of a publish first, so that a cold JVM does not eat the bounds under test. */
    @BeforeAll
    static void warmUp() throws Exception {
        try (RtmpServer warm = new RtmpServer(0, new CollectingHooks("live/cam")).start();
             Socket s = new Socket("127.0.0.1", warm.port())) {
            s.setSoTimeout(5000);
            publish(s);
            send(s, RtmpCommand.of("FCUnpublish", 5, null, "cam").toMessage(0));
        }
    }

    @BeforeEach
    void start() throws InterruptedException {
        hooks.feeds.put("live/cam", hooks.relay);
        server = new RtmpServer(0, hooks, LIMITS).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedByTheStartTimeout() throws IOException {
        try (Socket s = connect()) {
            // the handshake timeout is the default 10 s: the start timeout, counted from the accept, comes first
            assertClosedAfter(s, START.minusMillis(200), START.multipliedBy(3));
        }
    }

    @Test
    void aConnectionSilentAfterTheHandshakeIsClosedAfterTheStartTimeout() throws IOException {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            handshake(s);
            assertClosedAfter(s, START.minusNanos(System.nanoTime() - t0).minusMillis(100), START.multipliedBy(3));
        }
    }

    @Test
    void commandsWithoutPublishOrPlayDoNotKeepAConnectionOpen() throws Exception {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            handshake(s);
            send(s, RtmpCommand.of("connect", 1, Map.of("app", "live")).toMessage(0));
            boolean closed = false;
            for (int i = 0; i < 30 && !closed; i++) {
                // a trickle of useless commands every 100 ms, for longer than the start timeout
                try {
                    send(s, RtmpCommand.of("getStreamLength", 2 + i, (Object) null).toMessage(0));
                    Thread.sleep(100);
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed || closedWithin(s, START)).as("closed by the server").isTrue();
            assertThat(System.nanoTime() - t0).isGreaterThan(START.minusMillis(100).toNanos());
        }
    }

    @Test
    void aPublisherThatSendsNoMediaIsClosedAfterTheMediaTimeout() throws Exception {
        try (Socket s = connect()) {
            publish(s);
            long t0 = System.nanoTime();
            assertClosedAfter(s, MEDIA.minusMillis(100), MEDIA.multipliedBy(3));
            assertThat(hooks.closed.await(1, TimeUnit.SECONDS)).as("the publish session ended").isTrue();
            assertThat(System.nanoTime() - t0).isGreaterThan(MEDIA.minusMillis(100).toNanos());
        }
    }

    @Test
    void aPublisherTricklingOneMessageByteByByteIsClosed() throws Exception {
        try (Socket s = connect()) {
            publish(s);
            ByteBuf big = RtmpChunkEncoder.encodeOnce(ByteBufAllocator.DEFAULT,
                    new RtmpMessage(6, RtmpMessageType.VIDEO, 1, 0, Unpooled.wrappedBuffer(new byte[4000])), 128);
            byte[] bytes = new byte[big.readableBytes()];
            big.readBytes(bytes);
            big.release();
            long deadline = System.nanoTime() + MEDIA.multipliedBy(4).toNanos();
            boolean closed = false;
            for (int i = 0; i < bytes.length && System.nanoTime() < deadline && !closed; i++) {
                try {
                    s.getOutputStream().write(bytes[i]);
                    s.getOutputStream().flush();
                    Thread.sleep(20);
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed || closedWithin(s, MEDIA.multipliedBy(2))).isTrue();
        }
    }

    @Test
    void aPublisherSendingMediaAndAPlayerStayOpen() throws Exception {
        try (Socket publisher = connect(); Socket player = connect()) {
            publish(publisher);
            play(player);
            long until = System.nanoTime() + START.plus(MEDIA).plusMillis(500).toNanos();
            while (System.nanoTime() < until) {
                // a raw AAC frame before any sequence header: media the demuxer ignores
                send(publisher, new RtmpMessage(4, RtmpMessageType.AUDIO, 1, 0,
                        Unpooled.wrappedBuffer(new byte[]{(byte) 0xAF, 1, 0x21, 0x10})));
                Thread.sleep(100);
            }
            assertThat(closedWithin(publisher, Duration.ofMillis(200))).as("publisher closed").isFalse();
            assertThat(closedWithin(player, Duration.ofMillis(200))).as("player closed").isFalse();
        }
    }

    @Test
    void anUnpublishedConnectionMustPublishAgainInTime() throws Exception {
        try (Socket s = connect()) {
            publish(s);
            send(s, RtmpCommand.of("FCUnpublish", 5, null, "cam").toMessage(0));
            assertClosedAfter(s, START.minusMillis(100), START.multipliedBy(3));
        }
    }

    @Test
    void aPullFromASourceThatFallsSilentEnds() throws Exception {
        try (RtmpPuller puller = new RtmpPuller(RtmpUrl.parse("rtmp://127.0.0.1:" + server.port() + "/live/cam"),
                new RtmpPullTest.Collector(), LIMITS, null)) {
            puller.start().get(5, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            puller.closed().get(MEDIA.multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(System.nanoTime() - t0).isGreaterThan(MEDIA.minusMillis(100).toNanos());
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static void publish(Socket s) throws IOException {
        handshake(s);
        send(s, RtmpCommand.of("connect", 1, Map.of("app", "live")).toMessage(0));
        send(s, RtmpCommand.of("createStream", 2, (Object) null).toMessage(0));
        send(s, RtmpCommand.of("publish", 3, null, "cam", "live").toMessage(1));
    }

    private static void play(Socket s) throws IOException {
        handshake(s);
        send(s, RtmpCommand.of("connect", 1, Map.of("app", "live")).toMessage(0));
        send(s, RtmpCommand.of("createStream", 2, (Object) null).toMessage(0));
        send(s, RtmpCommand.of("play", 3, null, "cam").toMessage(1));
    }

    private static void send(Socket s, RtmpMessage m) throws IOException {
        ByteBuf chunks = RtmpChunkEncoder.encodeOnce(ByteBufAllocator.DEFAULT, m, 128);
        m.release();
        try {
            chunks.readBytes(s.getOutputStream(), chunks.readableBytes());
            s.getOutputStream().flush();
        } finally {
            chunks.release();
        }
    }

    /** The server closes {@code s} no sooner than {@code notBefore} and within {@code within}. */
    private static void assertClosedAfter(Socket s, Duration notBefore, Duration within) throws IOException {
        long t0 = System.nanoTime();
        assertThat(closedWithin(s, within)).as("closed by the server within " + within).isTrue();
        assertThat(System.nanoTime() - t0).as("closed too early").isGreaterThanOrEqualTo(notBefore.toNanos());
    }
}
