package io.cascade.auth;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP client against a local server: answers, a sleeping backend and a closed port. */
class HttpAuthBackendTest {
    private HttpServer server;
    private final HttpAuthBackend backend = new HttpAuthBackend(Duration.ofMillis(300));

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", ex -> {
            ex.getResponseHeaders().set("X-AuthDuration", "7");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[1 << 20]);
            } catch (java.io.IOException ignored) {
                // the client stops reading: it wants the headers only
            }
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void readsStatusAndHeadersOnly() {
        BackendAnswer a = backend.ask(uri("/ok?x=1")).join();
        assertThat(a.verdict()).isEqualTo(BackendAnswer.Verdict.ALLOW);
        assertThat(a.durationSeconds()).isEqualTo(7);
        assertThat(backend.ask(uri("/missing")).join().verdict()).isEqualTo(BackendAnswer.Verdict.DENY);
    }

    @Test
    void aSlowBackendFailsWithinTheTimeout() {
        long started = System.nanoTime();
        BackendAnswer a = backend.ask(uri("/slow")).join();
        assertThat(a.verdict()).isEqualTo(BackendAnswer.Verdict.FAILED);
        assertThat(a.failure()).isEqualTo("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnreachableBackendFails() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        BackendAnswer a = backend.ask(URI.create("http://127.0.0.1:" + closed + "/x")).join();
        assertThat(a.verdict()).isEqualTo(BackendAnswer.Verdict.FAILED);
    }
}
