package io.cascade.http;

import io.cascade.net.ConnectionGate;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No client holds a socket it does not use: request and keep-alive timeouts, connection limits. */
class ConnectionTimeoutsTest {
    private static final HttpLimits SHORT = new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(60));
    private static final Route ROUTES = ex -> switch (ex.path()) {
        case "/hello" -> {
            ex.sendText("text/plain", "hello");
            yield true;
        }
        case "/push" -> {
            // Lasts longer than both the request and the keep-alive timeout.
            StreamingReply r = ex.startStreaming("application/x-m4f");
            int[] n = {0};
            r.every(500, () -> {
                if (n[0]++ < 12) {
                    r.write(Unpooled.wrappedBuffer(new byte[] {(byte) n[0]}));
                } else {
                    r.end();
                }
            });
            yield true;
        }
        default -> false;
    };

    private HttpServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws IOException {
        return RawSockets.connect(server.port(), sockets);
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void headerTricklersAreClosedAfterTheRequestTimeoutAndTheirDescriptorsGo() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        server = new HttpServer("127.0.0.1", 0, List.of(ROUTES), SHORT, Optional.empty());
        long baseline = openFiles();
        for (int i = 0; i < 100; i++) {
            RawSockets.send(connect(), "GET /hello HTTP/1.1\r\nHost: x\r\n");
        }
        // One more header line every 500 ms, each within the old idle timer's reach, for longer than the timeout.
        long start = System.nanoTime();
        int closed = 0;
        for (int round = 0; round < 10; round++) {
            Thread.sleep(500);
            closed = 0;
            for (Socket s : sockets) {
                try {
                    RawSockets.send(s, "X-Trickle-" + round + ": " + round + "\r\n");
                } catch (IOException gone) {
                    closed++;
                }
            }
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        for (Socket s : sockets) {
            s.setSoTimeout(3000);
            assertThat(RawSockets.closedByServer(s)).as("a trickler after %d ms", elapsedMillis).isTrue();
        }
        assertThat(closed).as("writes refused before the end of the trickle").isPositive();
        for (Socket s : sockets) {
            s.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (openFiles() > baseline + 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(openFiles()).as("descriptors after the tricklers, baseline %d", baseline).isLessThanOrEqualTo(baseline + 5);
    }

    @Test
    void requestsTheAggregatorAnswersItselfDoNotHoldTheConnection() throws Exception {
        server = new HttpServer("127.0.0.1", 0, List.of(ROUTES), SHORT, Optional.empty());
        // A failed expectation (417) and a body over the limit (413) are answered by Netty, which
        // discards the request: neither may leave the connection open with no clock running.
        Socket expect = connect();
        RawSockets.send(expect, "GET /hello HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n");
        Socket tooLarge = connect();
        RawSockets.send(tooLarge, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
        for (Socket s : List.of(expect, tooLarge)) {
            s.setSoTimeout(9000);
            assertThat(RawSockets.closedByServer(s)).isTrue();
        }
    }

    @Test
    void anIdleKeptAliveConnectionClosesAfterTheKeepAliveTimeout() throws Exception {
        server = new HttpServer("127.0.0.1", 0, List.of(ROUTES), SHORT, Optional.empty());
        Socket s = connect();
        RawSockets.send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawSockets.readResponse(s)).startsWith("HTTP/1.1 200").contains("hello");
        // Past the request timeout, within the keep-alive one: still open and served.
        Thread.sleep(2500);
        RawSockets.send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawSockets.readResponse(s)).startsWith("HTTP/1.1 200");
        long answered = System.nanoTime();
        s.setSoTimeout(9000);
        assertThat(RawSockets.closedByServer(s)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered)).as("closed by the keep-alive clock")
                .isBetween(2500L, 8000L);
    }

    @Test
    void aRequestTrickledOnAKeptAliveConnectionIsCutByTheRequestClock() throws Exception {
        HttpLimits longKeepAlive = new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60));
        server = new HttpServer("127.0.0.1", 0, List.of(ROUTES), longKeepAlive, Optional.empty());
        Socket s = connect();
        RawSockets.send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawSockets.readResponse(s)).startsWith("HTTP/1.1 200");
        Thread.sleep(1000);
        long begun = System.nanoTime();
        RawSockets.send(s, "GET /hello HTTP/1.1\r\n");
        boolean cut = false;
        for (int i = 0; i < 32 && !cut; i++) {
            Thread.sleep(250);
            try {
                RawSockets.send(s, "X-" + i + ": y\r\n");
            } catch (IOException closed) {
                cut = true;
            }
        }
        s.setSoTimeout(6000);
        assertThat(RawSockets.closedByServer(s)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun))
                .as("cut 2 s after the request began, long before the 10 s keep-alive clock").isBetween(1500L, 6000L);
    }

    @Test
    void aPushedResponseOutlivesEveryTimeout() throws Exception {
        server = new HttpServer("127.0.0.1", 0, List.of(ROUTES), SHORT, Optional.empty());
        Socket s = connect();
        RawSockets.send(s, "GET /push HTTP/1.1\r\nHost: x\r\n\r\n");
        byte[] all = s.getInputStream().readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200").endsWith("0\r\n\r\n");
        // 12 one-byte chunks over 6 s: each "1\r\nX\r\n".
        assertThat(text.split("\r\n1\r\n", -1).length - 1).isEqualTo(12);
    }

    @Test
    void aConnectionOverThePerAddressLimitIsRefusedWhileTheOthersAreServed() throws Exception {
        ConnectionGate gate = new ConnectionGate(new ConnectionGate.Limits(100, 3));
        server = new HttpServer("127.0.0.1", 0, List.of(ROUTES), HttpLimits.DEFAULTS, Optional.of(gate));
        List<Socket> admitted = List.of(connect(), connect(), connect());
        for (Socket s : admitted) {
            RawSockets.send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawSockets.readResponse(s)).startsWith("HTTP/1.1 200");
        }
        Socket extra = connect();
        assertThat(RawSockets.closedByServer(extra)).as("the fourth connection").isTrue();
        for (Socket s : admitted) {
            RawSockets.send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawSockets.readResponse(s)).as("an admitted connection after the refusal").startsWith("HTTP/1.1 200");
        }
        assertThat(gate.open()).isEqualTo(3);
        admitted.get(0).close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gate.open() > 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Socket again = connect();
        RawSockets.send(again, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawSockets.readResponse(again)).as("a connection once one closed").startsWith("HTTP/1.1 200");
    }

    @Test
    void aConnectionOverTheTotalLimitIsRefused() throws Exception {
        ConnectionGate gate = new ConnectionGate(new ConnectionGate.Limits(2, 100));
        server = new HttpServer("127.0.0.1", 0, List.of(ROUTES), HttpLimits.DEFAULTS, Optional.of(gate));
        Socket a = connect();
        Socket b = connect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gate.open() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Socket c = connect();
        assertThat(RawSockets.closedByServer(c)).isTrue();
        for (Socket s : List.of(a, b)) {
            RawSockets.send(s, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawSockets.readResponse(s)).startsWith("HTTP/1.1 200");
        }
    }
}
