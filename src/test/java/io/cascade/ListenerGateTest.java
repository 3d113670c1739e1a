package io.cascade;

import io.cascade.config.ConfigLoader;
import io.cascade.http.RawSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP and RTMP share one connection gate: the limits count the server's sockets in all. */
class ListenerGateTest {
    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void connectionsToEitherListenerCountAgainstOnePerAddressLimit() throws Exception {
        int http = freePort();
        int rtmp = freePort();
        String conf = "http " + http + ";\nrtmp " + rtmp + ";\nmax_connections_per_ip 2;\n";
        List<Socket> held = new ArrayList<>();
        try (CascadeServer server = new CascadeServer(ConfigLoader.parse(conf, "t.conf"), dir)) {
            Socket web = RawSockets.connect(http, held);
            RawSockets.connect(rtmp, held);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.connectionGate().open() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.connectionGate().open()).isEqualTo(2);
            assertThat(RawSockets.closedByServer(RawSockets.connect(rtmp, held))).as("a third, on RTMP").isTrue();
            assertThat(RawSockets.closedByServer(RawSockets.connect(http, held))).as("a third, on HTTP").isTrue();
            RawSockets.send(web, "GET /streamer/api/v3/streams HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(RawSockets.readResponse(web)).startsWith("HTTP/1.1 200");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
