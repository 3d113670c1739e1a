package io.cascade.rtmp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of bad peer loses its own connection; the server goes on serving good ones. */
class RtmpBadInputTest {
    private RtmpServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new RtmpServer(0, new CollectingHooks(),
                RtmpLimits.DEFAULT.withHandshakeTimeout(Duration.ofMillis(500))).start();
    }

    @AfterEach
    void stop() {
        server.close();
        assertThat(server.activeFanouts()).isZero();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static void handshake(Socket s) throws IOException {
        RawRtmpSockets.handshake(s);
    }

    /** True when the server closes the connection (EOF or reset) within the socket timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        return RawRtmpSockets.closedWithin(s, Duration.ofSeconds(5));
    }

    /** A good client still gets through connect, createStream and play (to a StreamNotFound). */
    private void assertServerStillServes() {
        try (RtmpPuller puller = new RtmpPuller("rtmp://127.0.0.1:" + server.port() + "/app/none",
                new RtmpPullTest.Collector())) {
            assertThatThrownBy(() -> puller.start().get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("NetStream.Play.StreamNotFound");
        }
    }

    @Test
    void garbageBytes() throws IOException {
        try (Socket s = connect()) {
            byte[] garbage = new byte[4000];
            new Random(7).nextBytes(garbage);
            garbage[0] = 'G';
            s.getOutputStream().write(garbage);
            assertThat(closedByServer(s)).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void httpRequestIsDroppedAtOnce() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            assertThat(closedByServer(s)).isTrue();
            assertThat(System.nanoTime() - t0).as("closed before the handshake timeout")
                    .isLessThan(Duration.ofMillis(400).toNanos());
        }
        assertServerStillServes();
    }

    @Test
    void truncatedHandshakeTimesOut() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[]{3, 0, 0, 0, 0, 0, 0, 0, 0});
            assertThat(closedByServer(s)).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void chunkSizeOfTwoToTheThirtyFirst() throws IOException {
        try (Socket s = connect()) {
            handshake(s);
            s.getOutputStream().write(HexFormat.of().parseHex("02000000000004010000000080000000"));
            assertThat(closedByServer(s)).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void messageLengthOverTheLimit() throws IOException {
        try (Socket s = connect()) {
            handshake(s);
            // a 16 MiB - 1 video message: over the 8 MiB limit
            s.getOutputStream().write(HexFormat.of().parseHex("04000000ffffff0901000000"));
            assertThat(closedByServer(s)).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void clientVanishingMidChunk() throws IOException {
        try (Socket s = connect()) {
            handshake(s);
            s.getOutputStream().write(HexFormat.of().parseHex("040000000003e80901000000"));
            s.getOutputStream().write(new byte[100]);
            s.getOutputStream().flush();
        }
        assertServerStillServes();
    }

    @Test
    void closedRightAfterConnecting() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(3);
        }
        assertServerStillServes();
    }
}
