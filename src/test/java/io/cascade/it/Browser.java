package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by {@code web/test/play.mjs} (playwright-core), playing
 * streams with the hls.js and dash.js that {@code npm ci} installed in {@code web/}. The page and
 * the players are served from {@code web/} by a small HTTP server of the test on its own port, so
 * the players reach Cascade cross-origin, as on a real site.
 */
final class Browser {
    static final Path WEB = Path.of("web");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript", "mjs", "text/javascript", "map", "application/json");

    /** One page: a player ({@code hls} or {@code dash}) and the URL it plays. */
    record Player(String name, String player, String src) {
    }

    private Browser() {
    }

    static void requireInstalled() {
        PlayerProcess.require(Files.isExecutable(CHROMIUM), CHROMIUM + " (Debian package chromium)");
        PlayerProcess.require(PlayerProcess.onPath("node"), "node (Debian packages nodejs, npm)");
        for (String module : List.of("playwright-core", "hls.js", "dashjs")) {
            PlayerProcess.require(Files.isDirectory(WEB.resolve("node_modules").resolve(module)),
                    "web/node_modules/" + module + " (npm ci in web/)");
        }
    }

    /**
     * Plays every player in its own page at once for {@code seconds} after all have started (or
     * {@code startTimeout} passed), and returns each page's record by name (see
     * {@code web/test/players.html}).
     */
    static Map<String, JsonNode> play(List<Player> players, int seconds, int startTimeout) throws Exception {
        HttpServer pages = serveWebFolder();
        try {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("chromium", CHROMIUM.toString());
            config.put("page", "http://127.0.0.1:" + pages.getAddress().getPort() + "/test/players.html");
            config.put("seconds", seconds);
            config.put("startTimeout", startTimeout);
            config.put("players", players);
            Tools.Result r = PlayerProcess.run(Duration.ofSeconds(seconds + startTimeout + 60L), Map.of(),
                    List.of("node", WEB.resolve("test/play.mjs").toString(), JSON.writeValueAsString(config)));
            if (r.exit() != 0 || r.out().isBlank()) {
                throw new AssertionError("the browser driver failed (exit " + r.exit() + "):\n" + PlayerProcess.tail(r.err(), 4000));
            }
            Map<String, JsonNode> out = new LinkedHashMap<>();
            JSON.readTree(r.out()).properties().forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        } finally {
            pages.stop(0);
        }
    }

    private static HttpServer serveWebFolder() throws IOException {
        Path root = WEB.toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                Path file = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    reply(ex, 404, "text/plain", new byte[0]);
                    return;
                }
                String name = file.getFileName().toString();
                String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
                reply(ex, 200, type, Files.readAllBytes(file));
            }
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
