package io.cascade.codec;

import io.cascade.testing.ExternalTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes short test clips with the ffmpeg command line at test time; skips the test without ffmpeg. */
public final class TestClips {
    public static final String FFMPEG = "ffmpeg";

    private TestClips() {
    }

    /** 640x360 at 25 fps, GOP 25, with a 48 kHz sine, in the container ffmpeg infers from {@code name}. */
    public static Path make(Path dir, String name, String videoEncoder, double seconds, String... extra)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(FFMPEG, "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(seconds)));
        if (videoEncoder != null) {
            cmd.addAll(List.of("-c:v", videoEncoder, "-g", "25", "-bf", "2"));
            if (videoEncoder.equals("libx265")) {
                cmd.addAll(List.of("-x265-params", "log-level=none"));
            }
        } else {
            cmd.add("-vn");
        }
        cmd.addAll(List.of(extra));
        cmd.add(out.toString());
        run(cmd);
        return out;
    }

    public static String run(List<String> cmd) throws IOException, InterruptedException {
        ExternalTools.assumeInstalled(cmd.getFirst());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        String text = new String(output);
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + text);
        }
        return text;
    }

    public static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
