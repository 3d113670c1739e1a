package io.cascade.bench;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.dvr.StreamArchive;
import io.cascade.dvr.TestSegments;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Archive lists of a big archive: a synthetic day of 2 s segments (43 200 files of one real
 * segment's bytes, with 1 000 gaps) is written under a temporary folder (on {@code /dev/shm} when
 * there is one), a server opens it, and the 24-hour catch-up playlist and
 * {@code recording_status.json} are fetched over HTTP, the first requests left out.
 * Usage: {@code ArchiveServingBench CLIP [REQUESTS [DAYS SEGMENT_SECONDS]]}; prints Markdown table rows.
 * With DAYS and SEGMENT_SECONDS (say 30 and 10) the archive spans that many days of segments that
 * long, with the same 1 000 gaps, for {@code recording_status.json} of a long archive; the 24 h
 * playlist is then the first day's.
 */
public final class ArchiveServingBench {
    private static final int GAPS = 1_000;

    private ArchiveServingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args[0]);
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int days = args.length > 3 ? Integer.parseInt(args[2]) : 1;
        int segmentSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int segments = days * 86_400 / segmentSeconds;
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isWritable(shm) ? Files.createTempDirectory(shm, "dvr-bench") : Files.createTempDirectory("dvr-bench");
        long dayAgo = Math.floorDiv(Timebase.now(), Timebase.HZ) - (days + 1) * 86_400L;
        long started = System.nanoTime();
        write(dir, dayAgo, segments, segmentSeconds);
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        Files.copy(clip, dir.resolve("clip.mp4"));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("cascade.conf"), "http " + port + ";\nstream bench { input file://clip.mp4; dvr dvr " + (days + 2) + "d; }\n");
        started = System.nanoTime();
        try (CascadeServer server = new CascadeServer(ConfigLoader.load(dir.resolve("cascade.conf")), dir)) {
            double openSeconds = (System.nanoTime() - started) / 1e9;
            String base = "http://127.0.0.1:" + port + "/bench/";
            System.out.printf("| write %d segments of %d s (%d days) | %.1f s | open the archive | %.2f s |%n", segments,
                    segmentSeconds, days, writeSeconds, openSeconds);
            measure("24 h catch-up playlist (archive-FROM-86400.m3u8)", base + "archive-" + dayAgo + "-86400.m3u8", requests);
            measure("recording_status.json, " + days + " days, " + GAPS + " gaps", base + "recording_status.json", requests);
            measure("24 h DASH manifest (archive-FROM-86400.mpd)", base + "archive-" + dayAgo + "-86400.mpd", requests / 5);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static void write(Path dir, long fromSecond, int segments, int segmentSeconds) throws Exception {
        Segment real = TestSegments.make(1, fromSecond * Timebase.HZ, 1).getFirst();
        StreamArchive archive = StreamArchive.open(dir.resolve("dvr"), "bench");
        long start = fromSecond * Timebase.HZ;
        long length = segmentSeconds * Timebase.HZ;
        for (int i = 0; i < segments; i++) {
            if (i > 0 && i % (segments / GAPS) == 0) {
                start += 10 * Timebase.HZ; // a 10 s hole
            }
            archive.append(Segment.complete(1_000_000 + i, start, length, real.init(), false, real.bytes()));
            start += length;
        }
    }

    private static void measure(String what, String url, int requests) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Samples samples = new Samples();
        long bytes = 0;
        for (int i = 0; i < requests + 5; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            bytes = r.body().length;
            if (i >= 5) {
                samples.add(ms);
            }
        }
        System.out.printf("| %s | %d bytes | median %.1f ms | p95 %.1f ms |%n", what, bytes, samples.median(), samples.p95());
    }

}
