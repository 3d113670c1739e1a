package io.cascade.bench;

import io.cascade.CascadeServer;
import io.cascade.cluster.ArchiveCatalog;
import io.cascade.cluster.ClusterHooks;
import io.cascade.cluster.MemorySessions;
import io.cascade.cluster.ReplicaCatalog;
import io.cascade.cluster.ViewerSession;
import io.cascade.config.ConfigLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of cluster session reports: an edge with N synthetic viewers (each one's byte count
 * moving at 2 Mbit/s) reports them to its origin through a counting TCP relay. Prints, per N, how
 * long until the origin lists them all, the bytes per second on the cluster link in steady state
 * (both directions: reports, answers, and the stream list's pings), and the CPU of this JVM (both
 * servers) beyond the same run with no viewers. Nothing streams live: the stream is on demand and
 * nobody plays it, so the link carries only the reports and the list.
 * Args: CLIP SECONDS N… (default 20 s, 10000 50000).
 */
public final class SessionReportBench {
    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Integer> counts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        if (counts.isEmpty()) {
            counts = List.of(10_000, 50_000);
        }
        System.out.println("| viewers on the edge | all listed on the origin after | cluster link, steady | CPU beyond idle (both servers) |");
        System.out.println("|---|---|---|---|");
        double idle = run(clip, 0, seconds)[2];
        for (int n : counts) {
            double[] r = run(clip, n, seconds);
            System.out.printf("| %,d | %.1f s | %.0f KB/s (%.4f %% of the viewers' 2 Mbit/s each) | %.1f %% of a core |%n",
                    n, r[0], r[1] / 1000, 100 * r[1] * 8 / (n * 2e6), 100 * (r[2] - idle));
        }
    }

    /** {time to list all (s), link bytes/s, CPU share of a core}. */
    private static double[] run(Path clip, int n, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("cascade-bench-sessions");
        MemorySessions originSide = new MemorySessions();
        MemorySessions edgeSide = new MemorySessions();
        List<CascadeServer> servers = new ArrayList<>();
        try (CountingRelay relay = new CountingRelay()) {
            CascadeServer origin = server(dir, "stream news { input \"file://" + clip.toAbsolutePath() + "\"; ondemand; }\n",
                    originSide, "origin");
            servers.add(origin);
            relay.start(origin.httpPort());
            CascadeServer edge = server(dir, "source 127.0.0.1:" + relay.port() + ";\n", edgeSide, "edge");
            servers.add(edge);
            BenchCluster.await(30_000, "news on the edge", () -> edge.streams().find("news").isPresent());
            long now = System.currentTimeMillis();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                edgeSide.open(new ViewerSession("s" + i, "news", "hls", "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255),
                        "token-" + i, "user-" + i, 0, now, now, 0, "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36",
                        "https://portal.example/watch", "token=token-" + i, ""));
            }
            BenchCluster.await(300_000, "all sessions on the origin", () -> originSide.reportedCount() >= n);
            double listed = (System.nanoTime() - t0) / 1e9;
            long bytes0 = relay.bytes.get();
            long cpu0 = cpuNanos();
            long w0 = System.nanoTime();
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                long b = 250_000L * s;
                long at = System.currentTimeMillis();
                for (ViewerSession v : edgeSide.sessions()) {
                    edgeSide.open(v.withBytes(b, at));
                }
            }
            double wall = (System.nanoTime() - w0) / 1e9;
            return new double[] {listed, (relay.bytes.get() - bytes0) / wall, (cpuNanos() - cpu0) / 1e9 / wall};
        } finally {
            servers.forEach(CascadeServer::close);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static CascadeServer server(Path dir, String body, MemorySessions sessions, String name) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + BenchCluster.freePort() + ";\ncluster_key " + BenchCluster.KEY + ";\n" + body);
        return new CascadeServer(ConfigLoader.load(conf), dir, 60_000,
                new ClusterHooks(ArchiveCatalog.NONE, ReplicaCatalog.NONE, sessions, sessions, Optional.of(name)));
    }

    /** A TCP relay to one port that counts every byte it carries, both ways. */
    private static final class CountingRelay implements AutoCloseable {
        final AtomicLong bytes = new AtomicLong();
        private final ServerSocket listener = new ServerSocket();

        CountingRelay() throws IOException {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
        }

        int port() {
            return listener.getLocalPort();
        }

        void start(int target) {
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket in = listener.accept();
                        Socket out = new Socket("127.0.0.1", target);
                        Thread.ofVirtual().start(() -> pump(in, out));
                        Thread.ofVirtual().start(() -> pump(out, in));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[65536];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                int r;
                while ((r = i.read(buf)) > 0) {
                    bytes.addAndGet(r);
                    o.write(buf, 0, r);
                }
            } catch (IOException ignored) {
                // either side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
