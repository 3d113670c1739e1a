package io.cascade.mp4;

import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edit lists as ffmpeg's mp4 muxer writes them (committed sample: 2 s of 25 fps H.264 with 2
 * B-frames, 2.032 s of 48 kHz AAC): the video edit skips the 80 ms composition delay, the audio
 * edit the 1024 priming samples, and each ends where the track's presentation ends.
 */
class EditListTest {
    private static final long FRAME = Timebase.HZ / 25;
    private static final long PRIMING = 1024 * Timebase.HZ / 48000;

    @TempDir
    Path dir;

    @Test
    void bothTracksPresentFromZeroSoTheFilesAvOffsetHolds() throws Exception {
        List<Frame> frames = read(sample());
        List<Frame> video = frames.stream().filter(f -> f.trackId() == 1).toList();
        List<Frame> audio = frames.stream().filter(f -> f.trackId() == 2).toList();
        assertThat(video.stream().mapToLong(Frame::pts).min().orElseThrow()).isZero();
        assertThat(video.get(0).dts()).isEqualTo(-2 * FRAME);
        assertThat(video).hasSize(50);
        Frame last = video.get(video.size() - 1);
        assertThat(last.dts() + last.duration() - video.get(0).dts()).as("video track length").isEqualTo(2 * Timebase.HZ);
        assertThat(audio.get(0).pts()).as("the priming frame presents before 0").isEqualTo(-PRIMING);
        Frame lastAudio = audio.get(audio.size() - 1);
        assertThat(lastAudio.dts() + lastAudio.duration()).as("audio ends where its edit does")
                .isEqualTo(2032 * Timebase.HZ / 1000);
    }

    @Test
    void samplesAfterTheEditsEndAreLeftOutKeepingEveryReference() throws Exception {
        Path file = sample();
        byte[] bytes = Files.readAllBytes(file);
        setFirstEditDuration(bytes, 1000); // the video edit now ends at 1 s (movie timescale 1000)
        Files.write(file, bytes);

        List<Frame> frames = read(file);
        List<Frame> video = frames.stream().filter(f -> f.trackId() == 1).toList();
        assertThat(video).hasSize(25);
        assertThat(video).allMatch(f -> f.pts() < Timebase.HZ);
        assertThat(video.stream().filter(Frame::keyframe).count()).isEqualTo(1);
        Frame last = video.get(video.size() - 1);
        assertThat(last.duration()).as("the last kept frame keeps its own duration").isEqualTo(FRAME);
        assertThat(frames.stream().filter(f -> f.trackId() == 2).count()).as("audio untouched").isEqualTo(97);
    }

    @Test
    void aLastSampleWithoutDurationLastsAsTheOneBefore() throws Exception {
        Path file = sample();
        byte[] bytes = Files.readAllBytes(file);
        setLastAudioDelta(bytes, 0);
        Files.write(file, bytes);
        List<Frame> audio = read(file).stream().filter(f -> f.trackId() == 2).toList();
        assertThat(audio.get(audio.size() - 1).duration()).isEqualTo(PRIMING);
    }

    private Path sample() throws Exception {
        Path file = dir.resolve("sample.mp4");
        try (InputStream in = EditListTest.class.getResourceAsStream("/loop/bframes-longer-audio.mp4")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static List<Frame> read(Path file) throws Exception {
        List<Frame> frames = new ArrayList<>();
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(file)) {
            for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent(); f = demuxer.nextFrame()) {
                frames.add(f.get());
            }
        }
        return frames;
    }

    /** Version-0 elst: type, version+flags, entry count, then the first entry's segment_duration. */
    private static void setFirstEditDuration(byte[] file, int duration) {
        ByteBuffer.wrap(file).putInt(indexOf(file, "elst", 0) + 12, duration);
    }

    /** The audio stts (the second one) ends with an entry of one sample: set its delta. */
    private static void setLastAudioDelta(byte[] file, int delta) {
        int stts = indexOf(file, "stts", indexOf(file, "stts", 0) + 4);
        ByteBuffer b = ByteBuffer.wrap(file);
        int entries = b.getInt(stts + 8);
        int last = stts + 12 + (entries - 1) * 8;
        assertThat(b.getInt(last)).isEqualTo(1);
        b.putInt(last + 4, delta);
    }

    private static int indexOf(byte[] file, String type, int from) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i + 4 <= file.length; i++) {
            if (file[i] == t[0] && file[i + 1] == t[1] && file[i + 2] == t[2] && file[i + 3] == t[3]) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }
}
