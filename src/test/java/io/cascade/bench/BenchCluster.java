package io.cascade.bench;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.stream.LiveStream;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Cascade servers in this JVM on 127.0.0.1, made from config text; closes them all at the end. */
final class BenchCluster implements AutoCloseable {
    static final String KEY = "bench-cluster-key";
    private final Path dir;
    private final List<CascadeServer> servers = new ArrayList<>();

    BenchCluster() throws IOException {
        this.dir = Files.createTempDirectory("cascade-bench");
    }

    /** An origin looping {@code clip} as each of {@code names}. */
    CascadeServer origin(Path clip, List<String> names) throws Exception {
        StringBuilder conf = new StringBuilder("cluster_key " + KEY + ";\nsegments 10;\n");
        for (String n : names) {
            conf.append("stream ").append(n).append(" { input \"file://").append(clip.toAbsolutePath()).append("\"; }\n");
        }
        return server(conf.toString());
    }

    /** A restreamer pulling everything from the given servers, in that order. */
    CascadeServer restreamer(CascadeServer... sources) throws Exception {
        StringBuilder line = new StringBuilder("source");
        for (CascadeServer s : sources) {
            line.append(" 127.0.0.1:").append(s.httpPort());
        }
        return server("cluster_key " + KEY + ";\nsegments 10;\n" + line + ";\n");
    }

    CascadeServer server(String body) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + freePort() + ";\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 60_000);
        servers.add(s);
        return s;
    }

    static LiveStream awaitStream(CascadeServer s, String name, int closedSegments) throws InterruptedException {
        await(60_000, name + " on port " + s.httpPort(), () -> s.streams().find(name)
                .map(l -> l.store().closedSegments().size() >= closedSegments).orElse(false));
        return s.streams().find(name).orElseThrow();
    }

    static void await(long millis, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        servers.forEach(CascadeServer::close);
    }
}
