package io.cascade.tsout;

import io.cascade.config.InputConfig;
import io.cascade.config.Position;
import io.cascade.config.PushConfig;
import io.cascade.config.StreamConfig;
import io.cascade.hls.TsSegments;
import io.cascade.input.InputFactory;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pushes of a stream over real UDP on loopback, fed segments of 0.2 s directly: they run while
 * the server carries the stream, count as its clients, and stop with it.
 */
class UdpPushesTest {
    private static final InitSegment INIT = new InitSegment(1, List.of(), new byte[] {1});
    private static final long TICKS = 18_000;

    @TempDir
    Path dir;
    private final StreamRegistry registry = new StreamRegistry(60_000);
    private final UdpPushes pushes = new UdpPushes(registry);
    private DatagramSocket receiver;
    private LiveStream stream;
    private long number = 1000;

    @AfterEach
    void close() {
        pushes.close();
        registry.close();
        receiver.close();
    }

    private void startPushedStream() throws Exception {
        receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        receiver.setSoTimeout(300);
        PushConfig push = PushConfig.parse("udp://127.0.0.1:" + receiver.getLocalPort());
        StreamConfig config = new StreamConfig("pushed", List.of(InputConfig.of("publish://", Map.of())), false,
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), new Position("t", 1, 1),
                io.cascade.config.PlayAccess.OPEN, List.of(push));
        stream = new LiveStream(config, 2, 5, new InputFactory(dir));
        registry.add(stream);
        pushes.start(stream);
    }

    private void closeSegment() {
        long n = number++;
        Segment s = Segment.complete(n, n * TICKS, TICKS, INIT, false, new byte[] {1});
        s.derived(TsSegments.TS, seg -> TsHttpViewerTest.tsForm(n));
        stream.store().addComplete(s);
    }

    /** Datagrams that came within {@code millis}, closing a segment every 0.2 s meanwhile when asked. */
    private int receive(long millis, boolean feed) throws Exception {
        int got = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        long nextSegment = 0;
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        while (System.nanoTime() < end) {
            if (feed && System.nanoTime() >= nextSegment) {
                closeSegment();
                nextSegment = System.nanoTime() + 200_000_000;
            }
            try {
                receiver.receive(p);
                assertThat(p.getLength()).isEqualTo(7 * 188);
                got++;
            } catch (SocketTimeoutException quiet) {
                // nothing in this while
            }
        }
        return got;
    }

    @Test
    void aPushSendsWhileItsStreamIsCarriedAndCountsAsItsClient() throws Exception {
        startPushedStream();
        assertThat(receive(1_500, true)).as("datagrams in 1.5 s").isGreaterThanOrEqualTo(3);
        assertThat(stream.clients()).as("the push is a client of the on-demand stream").isEqualTo(1);
        registry.remove("pushed");
        closeSegment(); // the push sees the stream is gone when it takes the next segment
        receive(600, false);
        assertThat(receive(800, true)).as("datagrams after the stream left the server").isZero();
    }

    @Test
    void closingThePushesStopsThemAtOnce() throws Exception {
        startPushedStream();
        assertThat(receive(1_000, true)).isPositive();
        pushes.close();
        receive(300, false);
        assertThat(receive(800, true)).as("datagrams after close").isZero();
    }
}
