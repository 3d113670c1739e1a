package io.cascade.mp4;

import io.cascade.testing.ExternalTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg/ffprobe for tests that need real media; skips the test when they are missing. */
public final class FfmpegMedia {
    private FfmpegMedia() {
    }

    /** 3 s of 640x360 25 fps H.264 (GOP 25, 2 B-frames) with 48 kHz mono AAC; moov at the end. */
    public static Path testMp4(Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("test.mp4");
        run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3",
                "-c:v", "libx264", "-g", "25", "-bf", "2", "-c:a", "aac", out.toString());
        return out;
    }

    /** Runs a tool, failing on a non-zero exit; returns stdout then stderr. */
    public static Result run(String... command) throws IOException, InterruptedException {
        ExternalTools.assumeInstalled(command[0]);
        Path stdout = Files.createTempFile("tool", ".out");
        Path stderr = Files.createTempFile("tool", ".err");
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " timed out");
            }
            Result r = new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            if (r.exitCode() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + r.stderr());
            }
            return r;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }
}
