package io.cascade.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An {@code on_play} backend inside the test. By token: {@code bad...} is denied (403);
 * {@code userX-...} is allowed as user X with at most one session; anything else is allowed.
 * Every answer says {@code X-AuthDuration: authSeconds}. {@link #mode} makes it fail (500) or
 * sleep past the server's timeout. Every request's parameters are kept.
 */
final class TestAuthBackend implements AutoCloseable {
    enum Mode { NORMAL, FAIL, SLEEP }

    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.NORMAL;
    volatile int authSeconds = 4;
    private final HttpServer server;

    TestAuthBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/auth", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth";
    }

    long requestsFor(String token) {
        return requests.stream().filter(r -> token.equals(r.get("token"))).count();
    }

    private void answer(HttpExchange ex) throws IOException {
        Map<String, String> params = params(ex.getRequestURI().getRawQuery());
        requests.add(params);
        Mode m = mode;
        if (m == Mode.SLEEP) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String token = params.getOrDefault("token", "");
        int status = m == Mode.FAIL ? 500 : token.startsWith("bad") ? 403 : 200;
        ex.getResponseHeaders().set("X-AuthDuration", Integer.toString(authSeconds));
        if (token.startsWith("user")) {
            ex.getResponseHeaders().set("X-UserId", token.substring(0, token.indexOf('-')));
            ex.getResponseHeaders().set("X-Max-Sessions", "1");
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
