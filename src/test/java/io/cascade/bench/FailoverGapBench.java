package io.cascade.bench;

import io.cascade.CascadeServer;
import io.cascade.media.Segment;
import io.cascade.stream.LiveStream;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Failover gap: origin → two mid-tier restreamers → edge ({@code source mid1 mid2}). Closes mid1
 * while the edge pulls from it and measures, on the edge, the longest wall-clock gap between
 * successive chunks around the kill (until 3 s after it). Each run uses fresh mid tiers and edge; the kill
 * falls at a different point of the segment each time.
 * Usage: {@code FailoverGapBench CLIP [RUNS]}; prints Markdown table rows.
 */
public final class FailoverGapBench {
    private FailoverGapBench() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (BenchCluster cluster = new BenchCluster()) {
            CascadeServer origin = cluster.origin(clip, List.of("tv"));
            BenchCluster.awaitStream(origin, "tv", 1);
            for (int run = 1; run <= runs; run++) {
                System.out.println(run(cluster, origin, run));
            }
        }
        System.exit(0);
    }

    private static String run(BenchCluster cluster, CascadeServer origin, int run) throws Exception {
        CascadeServer mid1 = cluster.restreamer(origin);
        CascadeServer mid2 = cluster.restreamer(origin);
        CascadeServer edge = cluster.restreamer(mid1, mid2);
        LiveStream tv = BenchCluster.awaitStream(edge, "tv", 2);
        BenchCluster.await(10_000, "edge on mid1", () -> onPort(tv, mid1));
        ChunkArrivals arrivals = new ChunkArrivals();
        tv.store().addListener(arrivals);
        // 0.37 s steps move the kill across the 2 s segment from run to run.
        Thread.sleep(3000 + (run * 370L) % 2000);
        long[] switchedAt = {0};
        Thread watch = Thread.ofPlatform().daemon().start(() -> {
            while (!onPort(tv, mid2) && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            switchedAt[0] = System.nanoTime();
        });
        long killed = System.nanoTime();
        mid1.close();
        long closeMillis = (System.nanoTime() - killed) / 1_000_000;
        Thread.sleep(6000);
        tv.store().removeListener(arrivals);
        watch.interrupt();
        watch.join(1000);
        boolean switched = onPort(tv, mid2);

        List<ChunkArrivals.Arrival> all = arrivals.inOrder();
        // The longest silence from the last chunk before the kill to 3 s after it: a chunk or two
        // still in flight from the dying tier must not hide the gap that follows them.
        long gapStart = killed;
        long gapEnd = killed;
        for (int i = 1; i < all.size(); i++) {
            long a = all.get(i - 1).nanos();
            long b = all.get(i).nanos();
            if (b > killed && a < killed + 3_000_000_000L && b - a > gapEnd - gapStart) {
                gapStart = a;
                gapEnd = b;
            }
        }
        String verdict = checkSegments(origin, tv, arrivals.startedNumbers());
        String row = "| " + run + " | " + Samples.ms((gapEnd - gapStart) / 1e6) + " | "
                + Samples.ms((gapEnd - killed) / 1e6) + " | "
                + (switchedAt[0] == 0 ? "-" : Samples.ms((switchedAt[0] - killed) / 1e6)) + " | "
                + Samples.ms(usualChunkGap(all)) + " | "
                + closeMillis + " | " + (switched ? "mid2" : "NOT SWITCHED") + " | " + verdict + " |";
        mid2.close();
        edge.close();
        return row;
    }

    private static boolean onPort(LiveStream s, CascadeServer server) {
        return s.activeInput().map(u -> u.contains(":" + server.httpPort() + "/")).orElse(false);
    }

    /** Median time between successive chunks: what a gap of "no failover at all" looks like. */
    private static double usualChunkGap(List<ChunkArrivals.Arrival> all) {
        Samples gaps = new Samples();
        for (int i = 1; i < all.size(); i++) {
            gaps.add((all.get(i).nanos() - all.get(i - 1).nanos()) / 1e6);
        }
        return gaps.median();
    }

    /** Numbers consecutive, none repeated, bytes and times equal to the origin's, no discontinuity. */
    private static String checkSegments(CascadeServer origin, LiveStream edge, List<Long> started) {
        List<Segment> segs = edge.store().closedSegments();
        StringBuilder problems = new StringBuilder();
        for (int i = 1; i < segs.size(); i++) {
            if (segs.get(i).number() != segs.get(i - 1).number() + 1) {
                problems.append(" gap after ").append(segs.get(i - 1).number());
            }
        }
        for (int i = 1; i < started.size(); i++) {
            if (started.get(i) <= started.get(i - 1)) {
                problems.append(" number ").append(started.get(i)).append(" started twice");
            }
        }
        LiveStream src = origin.streams().find("tv").orElseThrow();
        int compared = 0;
        for (Segment s : segs) {
            Optional<Segment> o = src.store().byNumber(s.number());
            if (o.isPresent() && o.get().isComplete()) {
                compared++;
                if (!Arrays.equals(s.bytes(), o.get().bytes()) || s.startDts() != o.get().startDts()) {
                    problems.append(" segment ").append(s.number()).append(" differs");
                }
                if (s.discontinuity()) {
                    problems.append(" discontinuity at ").append(s.number());
                }
            }
        }
        String range = segs.isEmpty() ? "none" : segs.get(0).number() + "–" + segs.get(segs.size() - 1).number();
        return problems.isEmpty()
                ? "yes (" + range + ", " + compared + " byte-identical to origin)"
                : "NO:" + problems;
    }
}
