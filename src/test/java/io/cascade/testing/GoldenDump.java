package io.cascade.testing;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parser's output as text, compared with a committed {@code .dump} file under
 * {@code src/test/resources/golden/}. Run with {@code -Dgolden.update=true} to rewrite the files
 * instead, when a change to parser output is intended; then review the diff before committing.
 */
public final class GoldenDump {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private final StringBuilder text = new StringBuilder();

    /** Adds a track list, as a demuxer announces it. */
    public GoldenDump tracks(List<Track> tracks) {
        text.append("tracks\n");
        for (Track t : tracks) {
            text.append("  track ").append(t.id()).append(' ').append(t.codec());
            if (t.isVideo()) {
                text.append(' ').append(t.width()).append('x').append(t.height()).append(' ').append(t.frameRate()).append("fps");
            } else {
                text.append(' ').append(t.sampleRate()).append("Hz ").append(t.channels()).append("ch");
            }
            text.append(" lang=").append(t.language()).append(" config=").append(config(t.config())).append('\n');
        }
        return this;
    }

    /** Adds one frame: track, DTS, PTS, duration (90 kHz), key flag, size, hash of its bytes. */
    public GoldenDump frame(Frame f) {
        text.append(f.trackId()).append(" dts=").append(f.dts()).append(" pts=").append(f.pts())
                .append(" dur=").append(f.duration()).append(f.keyframe() ? " K" : " -")
                .append(" size=").append(f.size()).append(' ').append(shortHash(f.data())).append('\n');
        return this;
    }

    public GoldenDump frames(List<Frame> frames) {
        frames.forEach(this::frame);
        return this;
    }

    public GoldenDump line(String line) {
        text.append(line).append('\n');
        return this;
    }

    public String text() {
        return text.toString();
    }

    /** Asserts the dump equals the committed {@code name}, or rewrites it under -Dgolden.update=true. */
    public void assertMatches(String name) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s is missing: run the test with -Dgolden.update=true", file).exists();
        assertThat(text()).as("output differs from %s; if the change is intended, rerun with"
                + " -Dgolden.update=true and review the diff", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Short configs (an AudioSpecificConfig) in full, so a change in them reads in the diff. */
    private static String config(byte[] config) {
        return config.length <= 8 ? HexFormat.of().formatHex(config) : "sha:" + shortHash(config);
    }

    /** The first 8 bytes of the SHA-256, in hex. */
    public static String shortHash(byte[] data) {
        return sha256(data).substring(0, 16);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
