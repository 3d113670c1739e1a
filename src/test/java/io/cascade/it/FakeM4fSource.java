package io.cascade.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cascade.cluster.ClusterAuth;
import io.cascade.cluster.M4fEncoder;
import io.cascade.cluster.M4fMessage;
import io.cascade.cluster.M4fRoute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source that holds the cluster key and speaks M4F v2 by hand, for tests that need a peer to
 * send what no Cascade server would: it answers challenges and signed segment requests, and hands
 * each connection to a {@link Scenario} that writes whatever it likes.
 */
final class FakeM4fSource implements AutoCloseable {
    /** What one connection of the fake sends. */
    interface Scenario {
        void serve(int connection, String pathAndQuery, Session session) throws Exception;
    }

    /** One authenticated response: its encoder and its body. */
    static final class Session {
        final M4fEncoder encoder;
        final OutputStream out;

        Session(M4fEncoder encoder, OutputStream out) {
            this.encoder = encoder;
            this.out = out;
        }

        void send(M4fMessage m) throws IOException {
            write(encoder.encode(m));
        }

        void write(ByteBuf frame) throws IOException {
            out.write(ByteBufUtil.getBytes(frame));
            out.flush();
        }

        void writeRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }
    }

    private final HttpServer server;
    private final ClusterAuth auth;
    private final AtomicInteger connections = new AtomicInteger();

    FakeM4fSource(String key, Scenario scenario) throws IOException {
        this.auth = new ClusterAuth(key);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(M4fRoute.CHALLENGE, ex -> {
            byte[] c = auth.challenge().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, c.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(c);
            }
        });
        server.createContext(M4fRoute.PREFIX + "/", ex -> serve(ex, scenario));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    int connections() {
        return connections.get();
    }

    private void serve(HttpExchange ex, Scenario scenario) throws IOException {
        String pathAndQuery = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(canonical(k), v.get(0)));
        if (auth.verify("GET", pathAndQuery, headers).isPresent()) {
            ex.sendResponseHeaders(403, -1);
            ex.close();
            return;
        }
        byte[] session = auth.sessionKey(headers.get(ClusterAuth.CHALLENGE_HEADER), headers.get(ClusterAuth.NONCE_HEADER));
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            scenario.serve(connections.incrementAndGet(), pathAndQuery, new Session(new M4fEncoder(session), out));
        } catch (IOException e) {
            // the restreamer hung up: that is often what the scenario wants
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** The header names as ClusterAuth spells them (the HTTP server normalises case). */
    private static String canonical(String name) {
        for (String h : ClusterAuth.HEADERS) {
            if (h.equalsIgnoreCase(name)) {
                return h;
            }
        }
        return name;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
