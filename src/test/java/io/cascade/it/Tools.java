package io.cascade.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs the real clients (ffmpeg, ffprobe) and plain HTTP for the integration tests. */
final class Tools {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Tools() {
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path out = Files.createTempFile("cascade-it", ".out");
        Path err = Files.createTempFile("cascade-it", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("timed out after " + timeout + ": " + String.join(" ", command)
                    + "\n" + Files.readString(err));
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /** A process left running in the background (a publisher, a long recording); its stderr kept in a file. */
    record Background(Process process, Path err) implements AutoCloseable {
        /** The exit code, or -1 (after killing it) when it is still running after {@code timeout}. */
        int waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                return -1;
            }
            return process.exitValue();
        }

        String errText() throws IOException {
            return Files.readString(err);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Background background(String... command) throws IOException {
        Path err = Files.createTempFile("cascade-it", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new Background(p, err);
    }

    static String ffprobeJson(String url) throws IOException, InterruptedException {
        Result r = run(Duration.ofSeconds(60), "ffprobe", "-v", "error", "-print_format", "json",
                "-show_streams", "-show_format", url);
        if (r.exit() != 0) {
            throw new AssertionError("ffprobe " + url + " failed: " + r.err());
        }
        return r.out();
    }

    /** Makes a test clip with ffmpeg: H.264 + AAC, keyframe every second, {@code seconds} long. */
    static Path makeClip(Path dir, String name, int seconds, String size, String format) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(seconds), "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p",
                "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-b:v", "300k",
                "-c:a", "aac", "-b:a", "64k", "-ar", "48000", "-ac", "2", "-f", format, file.toString()));
        Result r = run(Duration.ofSeconds(120), cmd.toArray(String[]::new));
        if (r.exit() != 0) {
            throw new IOException("ffmpeg could not make " + name + ": " + r.err());
        }
        return file;
    }

    /**
     * Checks a recording made by ffmpeg: no timestamp complaint in ffmpeg's {@code stderr}, DTS
     * strictly rising in every stream (ffprobe), and more than {@code minSeconds} recorded.
     */
    static void assertCleanRecording(Path file, String stderr, double minSeconds) throws IOException, InterruptedException {
        org.assertj.core.api.Assertions.assertThat(stderr).doesNotContainIgnoringCase("non-monoton")
                .doesNotContainIgnoringCase("DTS").doesNotContainIgnoringCase("discontinuity");
        Result packets = run(Duration.ofSeconds(60), "ffprobe", "-v", "error", "-show_entries",
                "packet=stream_index,dts_time", "-of", "csv=p=0", file.toString());
        org.assertj.core.api.Assertions.assertThat(packets.exit()).as(packets.err()).isZero();
        double[] last = {-1, -1, -1, -1};
        double first = Double.NaN;
        double end = 0;
        for (String line : packets.out().split("\n")) {
            String[] f = line.split(",");
            if (f.length < 2 || f[1].equals("N/A")) {
                continue;
            }
            int idx = Integer.parseInt(f[0].trim());
            double dts = Double.parseDouble(f[1]);
            org.assertj.core.api.Assertions.assertThat(dts).as("dts of stream %d after %f", idx, last[idx])
                    .isGreaterThan(last[idx]);
            last[idx] = dts;
            first = Double.isNaN(first) ? dts : Math.min(first, dts);
            end = Math.max(end, dts);
        }
        org.assertj.core.api.Assertions.assertThat(end - first).as("recorded seconds").isGreaterThan(minSeconds);
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String getText(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(url);
        if (r.statusCode() != 200) {
            throw new AssertionError(url + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
