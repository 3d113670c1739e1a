package io.cascade.rtsp;

import io.cascade.net.ConnectionGate;
import io.cascade.rtp.H264Packetizer;
import io.cascade.rtp.SessionDescription;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's session handling against a fake stream, over real sockets. */
class RtspServerTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private RtspServer server;

    /** A stream of two tracks; playback only records what is asked of it. */
    private final class FakeMedia implements RtspMedia {
        @Override
        public SessionDescription description(String serverAddress) {
            try {
                return new SessionDescription(1, 1, serverAddress, "fake", List.of(new SessionDescription.Media("video", 96,
                        new H264Packetizer(GoldenSamples.h264Config(), 1400), "trackID=1")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> controls() {
            return List.of("trackID=1", "trackID=2");
        }

        @Override
        public RtspPlayback play(RtpSink sink, Set<Integer> tracks) {
            events.add("play " + tracks);
            return new RtspPlayback() {
                @Override
                public Map<Integer, long[]> rtpInfo() {
                    return Map.of(0, new long[]{17, 12345});
                }

                @Override
                public void start() {
                    events.add("start");
                }

                @Override
                public void stop() {
                    events.add("stop");
                }
            };
        }

        @Override
        public void release() {
            events.add("release");
        }
    }

    private int start(RtspLimits limits, io.netty.channel.ChannelHandler gate) throws InterruptedException {
        RtspHooks hooks = viewer -> {
            opened.incrementAndGet();
            if (viewer.target().stream().equals("secret")) {
                return CompletableFuture.failedFuture(new RtspRefusal(RtspStatus.FORBIDDEN, "no"));
            }
            // answered later, from another thread, as a backend would
            return CompletableFuture.supplyAsync(FakeMedia::new,
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        };
        server = new RtspServer(0, hooks, limits, gate).start();
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Reply(int status, Map<String, String> headers, String body) {
    }

    /** Reads one response from {@code in}. */
    static Reply read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            headers.put(l.substring(0, l.indexOf(':')).toLowerCase(), l.substring(l.indexOf(':') + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static boolean closesWithin(Socket s, Duration d) throws IOException {
        s.setSoTimeout((int) d.toMillis());
        try {
            while (s.getInputStream().read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void pipelinedRequestsWaitForTheStreamAndAreAnsweredInOrder() throws Exception {
        int port = start(RtspLimits.DEFAULT, null);
        try (Socket s = new Socket("127.0.0.1", port)) {
            String url = "rtsp://127.0.0.1:" + port + "/a/b?token=t";
            send(s, "DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 5\r\n\r\n"
                    + "SETUP " + url + "/trackID=1 RTSP/1.0\r\nCSeq: 6\r\nTransport: RTP/AVP/TCP;unicast\r\n\r\n"
                    + "OPTIONS * RTSP/1.0\r\nCSeq: 7\r\n\r\n");
            Reply describe = read(s.getInputStream());
            assertThat(describe.status()).isEqualTo(200);
            assertThat(describe.headers()).containsEntry("cseq", "5").containsEntry("content-type", "application/sdp")
                    .containsEntry("content-base", url + "/");
            assertThat(describe.body()).startsWith("v=0\r\n").contains("a=control:trackID=1");
            Reply setup = read(s.getInputStream());
            assertThat(setup.headers()).containsEntry("cseq", "6")
                    .containsEntry("transport", "RTP/AVP/TCP;unicast;interleaved=0-1");
            String session = setup.headers().get("session");
            assertThat(session).matches("[0-9a-f]{16};timeout=60");
            assertThat(read(s.getInputStream()).headers()).containsEntry("cseq", "7");
            assertThat(opened).as("the stream is opened once per connection").hasValue(1);

            String id = session.split(";")[0];
            send(s, "PLAY " + url + "/ RTSP/1.0\r\nCSeq: 8\r\nSession: " + id + "\r\nRange: npt=0.000-\r\n\r\n");
            Reply play = read(s.getInputStream());
            assertThat(play.headers()).containsEntry("range", "npt=now-")
                    .containsEntry("rtp-info", "url=" + url + "/trackID=1;seq=17;rtptime=12345");
            send(s, "PAUSE " + url + "/ RTSP/1.0\r\nCSeq: 9\r\nSession: " + id + "\r\n\r\n"
                    + "PLAY " + url + "/ RTSP/1.0\r\nCSeq: 10\r\nSession: " + id + "\r\n\r\n"
                    + "TEARDOWN " + url + "/ RTSP/1.0\r\nCSeq: 11\r\nSession: " + id + "\r\n\r\n");
            for (int cseq = 9; cseq <= 11; cseq++) {
                Reply r = read(s.getInputStream());
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.headers()).containsEntry("cseq", String.valueOf(cseq));
            }
            assertThat(events).containsExactly("play [0]", "start", "stop", "play [0]", "start", "stop");
        }
    }

    @Test
    void udpSetupNamesTheServerPortsAndSecondTrackKeepsTheSession() throws Exception {
        int port = start(RtspLimits.DEFAULT, null);
        try (Socket s = new Socket("127.0.0.1", port)) {
            String url = "rtsp://127.0.0.1:" + port + "/x";
            send(s, "SETUP " + url + "/trackID=1 RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/AVP;unicast;client_port=40000-40001\r\n\r\n");
            Reply first = read(s.getInputStream());
            int rtp = server.udpPort().orElseThrow();
            assertThat(first.headers().get("transport")).isEqualTo("RTP/AVP;unicast;client_port=40000-40001;server_port="
                    + rtp + "-" + (rtp + 1));
            assertThat(rtp % 2).isZero();
            String id = first.headers().get("session").split(";")[0];
            send(s, "SETUP " + url + "/trackID=2 RTSP/1.0\r\nCSeq: 2\r\nSession: " + id
                    + "\r\nTransport: RTP/AVP/TCP;interleaved=2-3\r\n\r\n");
            assertThat(read(s.getInputStream()).status()).as("one transport per session").isEqualTo(461);
            send(s, "SETUP " + url + "/trackID=2 RTSP/1.0\r\nCSeq: 3\r\nSession: " + id
                    + "\r\nTransport: RTP/AVP;unicast;client_port=40002-40003\r\n\r\n");
            assertThat(read(s.getInputStream()).headers().get("session")).startsWith(id + ";");
        }
    }

    @Test
    void aRefusedViewerGetsTheRefusalsStatus() throws Exception {
        int port = start(RtspLimits.DEFAULT, null);
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "DESCRIBE rtsp://127.0.0.1/secret RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertThat(read(s.getInputStream()).status()).isEqualTo(403);
            send(s, "OPTIONS * RTSP/1.0\r\n\r\n");
            assertThat(read(s.getInputStream()).status()).as("no CSeq").isEqualTo(400);
            assertThat(closesWithin(s, Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void silentSessionsAndSilentConnectionsTimeOut() throws Exception {
        RtspLimits quick = new RtspLimits(8192, 64, 1024, Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20,
                Duration.ofSeconds(1));
        int port = start(quick, null);
        try (Socket idle = new Socket("127.0.0.1", port); Socket s = new Socket("127.0.0.1", port)) {
            send(s, "SETUP rtsp://127.0.0.1/x/trackID=1 RTSP/1.0\r\nCSeq: 1\r\nTransport: RTP/AVP/TCP;interleaved=0-1\r\n\r\n");
            assertThat(read(s.getInputStream()).headers().get("session")).endsWith(";timeout=1");
            assertThat(closesWithin(idle, Duration.ofSeconds(5))).as("no first request").isTrue();
            assertThat(closesWithin(s, Duration.ofSeconds(5))).as("a silent session").isTrue();
        }
        // The server releases the session as it closes the connection, which the client may see first.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!events.contains("release") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events).contains("release");
    }

    @Test
    void theConnectionGateBoundsRtspConnections() throws Exception {
        int port = start(RtspLimits.DEFAULT, new ConnectionGate(new ConnectionGate.Limits(1, 1)));
        try (Socket first = new Socket("127.0.0.1", port)) {
            // The first is served before the second arrives: connections land on different event loops.
            send(first, "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            assertThat(read(first.getInputStream()).status()).isEqualTo(200);
            try (Socket second = new Socket("127.0.0.1", port)) {
                assertThat(closesWithin(second, Duration.ofSeconds(5))).isTrue();
            }
            send(first, "OPTIONS * RTSP/1.0\r\nCSeq: 2\r\n\r\n");
            assertThat(read(first.getInputStream()).status()).isEqualTo(200);
        }
    }
}
