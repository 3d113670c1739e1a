package io.cascade.rtmp;

import io.cascade.testing.ExternalTools;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg/ffprobe for integration tests, bounded in time, output kept for assertions. */
final class Ffmpeg {
    final Process process;
    final Path log;

    private Ffmpeg(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Ffmpeg start(Path dir, String... args) throws IOException {
        ExternalTools.assumeInstalled("ffmpeg");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-y"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "ffmpeg", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Ffmpeg(p, log);
    }

    /** The exit code, or -1 (after killing it) when it runs longer than {@code seconds}. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** ffprobe's one-line-per-stream codec names of a file. */
    static String probeCodecs(File file) throws IOException, InterruptedException {
        ExternalTools.assumeInstalled("ffprobe");
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", file.getPath()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    /** Arguments of a 25 fps 320x240 H.264 + AAC test source of the given seconds, real time. */
    static List<String> testSource(double seconds) {
        return List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k");
    }
}
