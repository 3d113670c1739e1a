package io.cascade.mp4;

import io.cascade.media.Frame;
import io.cascade.testing.Fuzz;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The MP4 demuxer, fed hostile variants of real files, fails with MediaFormatException only. */
class Mp4FuzzTest {
    @TempDir
    Path dir;

    @Test
    void demuxer() {
        List<byte[]> seeds = List.of(GoldenSamples.bytes(GoldenSamples.HE_AAC_MP4), GoldenSamples.bytes(GoldenSamples.H265_MP4));
        Path file = dir.resolve("fuzz.mp4");
        Fuzz.onlyFormatErrors("Mp4Demuxer", seeds, 150, 11, b -> {
            Files.write(file, b);
            try (Mp4Demuxer demuxer = Mp4Demuxer.open(file)) {
                for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent(); f = demuxer.nextFrame()) {
                    f.get().data();
                }
            }
        });
    }

    @Test
    void boxesOfAMovieHeader() {
        byte[] mp4 = GoldenSamples.bytes(GoldenSamples.H265_MP4);
        int moov = indexOf(mp4, "moov") - 4;
        byte[] moovBox = java.util.Arrays.copyOfRange(mp4, moov, mp4.length);
        Fuzz.onlyFormatErrors("box tree", List.of(moovBox), 400, 12, b -> walk(BoxReader.readAll(ByteBuffer.wrap(b), 0, "file")));
    }

    /** Reads every box below the given ones that Cascade interprets. */
    private static void walk(List<Box> boxes) throws Mp4FormatException {
        for (Box box : boxes) {
            switch (box.type()) {
                case "moov", "trak", "mdia", "minf", "stbl", "edts" -> walk(box.children());
                case "stsd" -> SampleEntry.readFirst(box);
                case "mdhd" -> MediaHeader.read(box);
                default -> { }
            }
        }
    }

    private static int indexOf(byte[] data, String fourcc) {
        byte[] pattern = fourcc.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + 4 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(fourcc);
    }
}
