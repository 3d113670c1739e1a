package io.cascade.bench;

import io.cascade.CascadeServer;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.dvr.StreamArchive;
import io.cascade.hls.SegmentFormat;
import io.cascade.hls.SegmentNames;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * First byte of a catch-up segment: an origin records a stream (1 s segments, 3 in the live
 * window), a restreamer without a DVR serves its archive. Each archived segment, by its live
 * name, is fetched from the origin (its disk or page cache), from the restreamer for the first
 * time (an M4F fetch from the origin) and again (the restreamer's archive cache). Usage:
 * {@code CatchUpFirstByteBench CLIP [SEGMENTS]}; prints Markdown table rows.
 */
public final class CatchUpFirstByteBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CatchUpFirstByteBench() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dvr = Files.createTempDirectory(Path.of(Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : "."), "catchup");
        try (BenchCluster cluster = new BenchCluster()) {
            CascadeServer origin = cluster.server("cluster_key " + BenchCluster.KEY + ";\nsegment_duration 1;\nsegments 3;\n"
                    + "stream news { input \"file://" + clip.toAbsolutePath() + "\"; dvr " + dvr + " 1d; }\n");
            CascadeServer restreamer = cluster.server("cluster_key " + BenchCluster.KEY + ";\nsegments 3;\nsource 127.0.0.1:"
                    + origin.httpPort() + ";\n");
            BenchCluster.awaitStream(restreamer, "news", 1);
            StreamArchive archive = origin.dvr().archive("news").orElseThrow();
            BenchCluster.await(count * 2_000L + 30_000, count + 5 + " archived segments", () -> archive.segmentCount() >= count + 5);
            List<ArchivedSegment> segments = archive.segments(0, Long.MAX_VALUE).subList(0, count);
            // the restreamer learns the names from a playlist, as a player makes it
            long from = Math.floorDiv(segments.get(0).startDts(), 90_000) + 1;
            get(restreamer, "news/archive-" + from + "-" + (count + 2) + ".m3u8");
            Samples atOrigin = new Samples();
            Samples cold = new Samples();
            Samples warm = new Samples();
            for (ArchivedSegment s : segments) {
                String name = "news/" + SegmentNames.of(s.startDts(), s.duration(), SegmentFormat.FMP4);
                atOrigin.add(get(origin, name));
                cold.add(get(restreamer, name));
                warm.add(get(restreamer, name));
            }
            row("on the origin (its DVR)", atOrigin);
            row("on a restreamer without DVR, first request (fetched from the origin)", cold);
            row("on a restreamer without DVR, again (its archive cache)", warm);
        } finally {
            try (var files = Files.walk(dvr)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** Milliseconds to the first byte of the body; the rest is read and dropped. */
    private static double get(CascadeServer s, String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + "/" + path))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200 || in.read() < 0) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            in.transferTo(OutputStream.nullOutputStream());
            return ms;
        }
    }

    private static void row(String what, Samples s) {
        System.out.println("| " + what + " | " + s.count() + " | " + Samples.ms(s.median()) + " ms | "
                + Samples.ms(s.p95()) + " ms |");
    }
}
