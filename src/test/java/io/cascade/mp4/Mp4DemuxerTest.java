package io.cascade.mp4;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@RequiresTools
class Mp4DemuxerTest {
    @TempDir
    static Path dir;
    static Path mp4;

    @BeforeAll
    static void makeFile() throws Exception {
        mp4 = FfmpegMedia.testMp4(dir);
    }

    private static List<Frame> readAll(Mp4Demuxer demuxer) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent(); f = demuxer.nextFrame()) {
            frames.add(f.get());
        }
        return frames;
    }

    @Test
    void describesTheVideoAndAudioTracks() throws Exception {
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(mp4)) {
            List<Track> tracks = demuxer.tracks();

            assertThat(tracks).hasSize(2);
            Track video = tracks.get(0);
            assertThat(video.id()).isEqualTo(1);
            assertThat(video.codec()).isEqualTo(Codec.H264);
            assertThat(video.width()).isEqualTo(640);
            assertThat(video.height()).isEqualTo(360);
            assertThat(video.frameRate()).isEqualTo(25.0);
            assertThat(video.config()[0]).isEqualTo((byte) 1); // configurationVersion of the avcC record
            Track audio = tracks.get(1);
            assertThat(audio.id()).isEqualTo(2);
            assertThat(audio.codec()).isEqualTo(Codec.AAC);
            assertThat(audio.sampleRate()).isEqualTo(48000);
            assertThat(audio.channels()).isEqualTo(1);
            assertThat(audio.config()).startsWith((byte) 0x11, (byte) 0x88); // AAC LC, 48 kHz, mono
            assertThat(demuxer.durationTicks()).isCloseTo(3 * Timebase.HZ, within(Timebase.HZ / 10));
        }
    }

    @Test
    void readsAllFramesInDecodeOrderWithKeyframesEverySecond() throws Exception {
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(mp4)) {
            List<Frame> frames = readAll(demuxer);
            List<Frame> video = frames.stream().filter(f -> f.trackId() == 1).toList();
            List<Frame> audio = frames.stream().filter(f -> f.trackId() == 2).toList();

            assertThat(video).hasSize(75);
            assertThat(video.stream().filter(Frame::keyframe).map(Frame::pts))
                    .containsExactly(0L, Timebase.HZ, 2 * Timebase.HZ);
            assertThat(video.stream().mapToLong(Frame::duration).sum()).isEqualTo(3 * Timebase.HZ);
            assertThat(audio.stream().mapToLong(Frame::duration).sum())
                    .isCloseTo(3 * Timebase.HZ, within(3 * 1920L));
            assertThat(audio).allMatch(Frame::keyframe).allMatch(f -> f.pts() == f.dts());
            assertThat(video.stream().mapToLong(Frame::pts).min().getAsLong()).isZero();
            assertMonotonic(video);
            assertMonotonic(audio);
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).dts()).isGreaterThanOrEqualTo(frames.get(i - 1).dts());
            }
        }
    }

    @Test
    void videoPayloadsAreLengthPrefixedNalUnits() throws Exception {
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(mp4)) {
            Frame first = demuxer.nextFrame().orElseThrow();
            byte[] d = first.data();
            int firstNalLength = ((d[0] & 0xFF) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);

            assertThat(first.trackId()).isEqualTo(1);
            assertThat(first.keyframe()).isTrue();
            assertThat(firstNalLength).isBetween(1, d.length - 4);
        }
    }

    @Test
    void moovFirstFilesGiveTheSameFrames() throws Exception {
        Path faststart = dir.resolve("faststart.mp4");
        FfmpegMedia.run("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-c", "copy",
                "-movflags", "+faststart", faststart.toString());
        try (Mp4Demuxer a = Mp4Demuxer.open(mp4); Mp4Demuxer b = Mp4Demuxer.open(faststart)) {
            List<Frame> fa = readAll(a);
            List<Frame> fb = readAll(b);

            assertThat(fb).hasSameSizeAs(fa);
            for (int i = 0; i < fa.size(); i++) {
                assertThat(fb.get(i).dts()).isEqualTo(fa.get(i).dts());
                assertThat(fb.get(i).data()).isEqualTo(fa.get(i).data());
            }
        }
    }

    @Test
    void skipsSubtitleTracks() throws Exception {
        Path srt = dir.resolve("subs.srt");
        Files.writeString(srt, "1\n00:00:00,000 --> 00:00:01,000\nhello\n\n");
        Path withSubs = dir.resolve("subs.mp4");
        FfmpegMedia.run("ffmpeg", "-v", "error", "-y", "-i", srt.toString(), "-i", mp4.toString(),
                "-map", "0", "-map", "1", "-c", "copy", "-c:s", "mov_text", withSubs.toString());

        try (Mp4Demuxer demuxer = Mp4Demuxer.open(withSubs)) {
            assertThat(demuxer.tracks()).extracting(Track::codec).containsExactly(Codec.H264, Codec.AAC);
            assertThat(demuxer.tracks()).extracting(Track::id).containsExactly(1, 2);
            assertThat(readAll(demuxer)).extracting(Frame::trackId).containsOnly(1, 2);
        }
    }

    @Test
    void truncatedFilesAreFormatErrors() throws Exception {
        byte[] whole = Files.readAllBytes(mp4);
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> Mp4Demuxer.open(cut)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("'mdat'");
    }

    @Test
    void truncatedMoovFirstFilesFailWhenReadingTheMissingSamples() throws Exception {
        Path faststart = dir.resolve("faststart-cut-src.mp4");
        FfmpegMedia.run("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-c", "copy",
                "-movflags", "+faststart", faststart.toString());
        byte[] whole = Files.readAllBytes(faststart);
        Path cut = dir.resolve("faststart-cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        try (Mp4Demuxer demuxer = Mp4Demuxer.open(cut)) {
            assertThatThrownBy(() -> readAll(demuxer)).isInstanceOf(Mp4FormatException.class)
                    .hasMessageContaining("beyond the end of the file");
        }
    }

    @Test
    void garbageIsAFormatError() throws Exception {
        byte[] garbage = new byte[100_000];
        new Random(7).nextBytes(garbage);
        Path file = dir.resolve("garbage.mp4");
        Files.write(file, garbage);
        Path empty = dir.resolve("empty.mp4");
        Files.write(empty, new byte[0]);

        assertThatThrownBy(() -> Mp4Demuxer.open(file)).isInstanceOf(Mp4FormatException.class);
        assertThatThrownBy(() -> Mp4Demuxer.open(empty)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("no 'moov'");
    }

    @Test
    void hostileMoovSizeFailsWithoutAllocating() throws Exception {
        Path file = dir.resolve("hostile.mp4");
        byte[] header = new BoxWriter().u32(1).fourcc("moov").u64(Long.MAX_VALUE).toByteArray();
        Files.write(file, header);

        assertThatThrownBy(() -> Mp4Demuxer.open(file)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("claims");
    }

    private static void assertMonotonic(List<Frame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).dts()).isGreaterThan(frames.get(i - 1).dts());
            assertThat(frames.get(i).dts()).isEqualTo(frames.get(i - 1).dts() + frames.get(i - 1).duration());
        }
    }
}
