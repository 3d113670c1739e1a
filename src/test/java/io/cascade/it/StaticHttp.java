package io.cascade.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server for the pull tests: a folder served as files (counting the requests for
 * each path), a TS file streamed chunked at its real-time rate, random bytes streamed forever,
 * and fixed bodies.
 */
final class StaticHttp implements AutoCloseable {
    private final HttpServer server;
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    StaticHttp(Path folder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/files/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/files/".length());
            requests.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Path file = folder.resolve(name).normalize();
            if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
                reply(ex, 404, new byte[0]);
                return;
            }
            reply(ex, 200, Files.readAllBytes(file));
        });
    }

    /** {@code /PATH} streams {@code ts} over and over, chunked, at {@code seconds} per pass. */
    StaticHttp liveTs(String path, byte[] ts, double seconds) {
        server.createContext(path, ex -> {
            ex.sendResponseHeaders(200, 0);
            int chunk = 188 * 40;
            long nanosPerChunk = (long) (seconds * 1e9 * chunk / ts.length);
            try (OutputStream out = ex.getResponseBody()) {
                long next = System.nanoTime();
                while (true) {
                    for (int off = 0; off < ts.length; off += chunk) {
                        out.write(ts, off, Math.min(chunk, ts.length - off));
                        out.flush();
                        next += nanosPerChunk;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        });
        return this;
    }

    /** {@code /PATH} streams random bytes until the client goes. */
    StaticHttp junk(String path) {
        server.createContext(path, ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] b = new byte[16_384];
            Random random = new Random(3);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    random.nextBytes(b);
                    out.write(b);
                }
            } catch (IOException e) {
                // the client went away
            }
        });
        return this;
    }

    /** {@code /PATH} answers {@code body}. */
    StaticHttp fixed(String path, String body) {
        server.createContext(path, ex -> reply(ex, 200, body.getBytes()));
        return this;
    }

    StaticHttp start() {
        server.start();
        return this;
    }

    String base() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int requestsFor(String name) {
        AtomicInteger n = requests.get(name);
        return n == null ? 0 : n.get();
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
