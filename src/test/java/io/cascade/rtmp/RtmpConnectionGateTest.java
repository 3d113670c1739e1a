package io.cascade.rtmp;

import io.cascade.net.ConnectionGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import static io.cascade.rtmp.RawRtmpSockets.closedWithin;
import static io.cascade.rtmp.RawRtmpSockets.handshake;
import static org.assertj.core.api.Assertions.assertThat;

/** The RTMP listener behind the shared connection gate: refused over the limit, slots freed by idle timeouts. */
@Timeout(30)
class RtmpConnectionGateTest {
    private static final Duration START = Duration.ofMillis(1500);

    private final ConnectionGate gate = new ConnectionGate(new ConnectionGate.Limits(100, 2));
    private RtmpServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new RtmpServer(0, new CollectingHooks(), RtmpLimits.DEFAULT.withIdleTimeouts(START, START), gate)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aThirdConnectionFromOneAddressIsRefusedAndIdleOnesGiveTheirSlotsBack() throws Exception {
        try (Socket first = connect(); Socket second = connect()) {
            handshake(first);
            handshake(second);
            try (Socket third = connect()) {
                assertThat(closedWithin(third, Duration.ofMillis(500))).as("over max_connections_per_ip").isTrue();
            }
            assertThat(gate.open()).isEqualTo(2);
            // both sit idle after the handshake: the start timeout closes them and frees the slots
            assertThat(closedWithin(first, START.multipliedBy(3))).isTrue();
            assertThat(closedWithin(second, START)).isTrue();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (gate.open() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gate.open()).as("slots held after the idle connections were closed").isZero();
        try (Socket again = connect()) {
            handshake(again);
            assertThat(closedWithin(again, Duration.ofMillis(200))).as("a new connection is served").isFalse();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        return s;
    }
}
