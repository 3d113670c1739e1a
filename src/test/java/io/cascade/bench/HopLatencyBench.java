package io.cascade.bench;

import io.cascade.CascadeServer;
import io.cascade.stream.LiveStream;

import java.nio.file.Path;
import java.util.List;

/**
 * Hop latency: origin and restreamer in this JVM; for every chunk the time from its arrival in
 * the origin's store to its arrival in the restreamer's store (both {@code System.nanoTime()}).
 * Usage: {@code HopLatencyBench CLIP [SECONDS]}; prints one Markdown table row.
 */
public final class HopLatencyBench {
    private HopLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        try (BenchCluster cluster = new BenchCluster()) {
            CascadeServer origin = cluster.origin(clip, List.of("hop"));
            CascadeServer restreamer = cluster.restreamer(origin);
            LiveStream source = BenchCluster.awaitStream(origin, "hop", 1);
            LiveStream copy = BenchCluster.awaitStream(restreamer, "hop", 2);
            Thread.sleep(3000); // let the JIT settle before anything counts
            ChunkArrivals atSource = new ChunkArrivals();
            ChunkArrivals atCopy = new ChunkArrivals();
            source.store().addListener(atSource);
            copy.store().addListener(atCopy);
            Thread.sleep(seconds * 1000L);
            copy.store().removeListener(atCopy);
            source.store().removeListener(atSource);
            report(seconds, atSource, atCopy);
        }
        System.exit(0);
    }

    private static void report(int seconds, ChunkArrivals atSource, ChunkArrivals atCopy) {
        Samples hop = new Samples();
        int unmatched = 0;
        for (ChunkArrivals.Arrival c : atCopy.inOrder()) {
            ChunkArrivals.Arrival s = atSource.find(c.segment(), c.index());
            if (s == null || s.length() != c.length()) {
                unmatched++;
                continue;
            }
            hop.add((c.nanos() - s.nanos()) / 1e6);
        }
        System.out.println("| Cascade M4F (chunk in origin store → chunk in restreamer store) | "
                + seconds + " s | " + hop.count() + " | " + Samples.ms(hop.median()) + " | "
                + Samples.ms(hop.p95()) + " | " + Samples.ms(hop.max()) + " |");
        if (unmatched > 0) {
            System.err.println(unmatched + " restreamer chunks had no matching source chunk");
        }
    }
}
