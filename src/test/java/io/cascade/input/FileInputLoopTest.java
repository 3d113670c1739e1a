package io.cascade.input;

import io.cascade.cmaf.CmafReader;
import io.cascade.media.Frame;
import io.cascade.media.MediaKind;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.media.TimelineMapper;
import io.cascade.media.Track;
import io.cascade.stream.Segmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A looped file across its seams, checked on the canonical segments it becomes. The samples are
 * 2 s of 25 fps H.264 with 2 B-frames (first DTS 80 ms before the first PTS) and 48 kHz AAC,
 * made with ffmpeg: {@code bframes-longer-audio.mp4} by the mp4 muxer with audio 32 ms longer
 * than video and edit lists for the B-frame delay and the AAC priming
 * ({@code -f lavfi -t 2 -i testsrc2=size=320x180:rate=25 -f lavfi -t 2.032 -i sine=sample_rate=48000
 * -c:v libx264 -bf 2 -g 25 -c:a aac}), {@code bframes.ts} by the mpegts muxer (audio starts 21 ms
 * before the video's first PTS and runs 27 ms past its end).
 */
class FileInputLoopTest {
    private static final long T0 = 1_700_000_000L * Timebase.HZ;
    private static final long FRAME = Timebase.HZ / 25;
    private static final long AUDIO_FRAME = 1024 * Timebase.HZ / 48000;
    /** Video length of the 2 s samples. */
    private static final long PERIOD = 2 * Timebase.HZ;
    private static final int PASSES = 4;

    @TempDir
    Path dir;

    /** The samples, and the demo bundled in the jar (10 s with B-frames). */
    @ParameterizedTest
    @ValueSource(strings = {"/loop/bframes-longer-audio.mp4", "/loop/bframes.ts", "/demo/demo.mp4"})
    void threeSeamsKeepVideoSpacingAudioStepsAndTheAvOffset(String sample) throws Exception {
        Path file = copy(sample);
        FileTiming timing = FileTiming.of(file);
        SegmentStore store = new SegmentStore(100);
        Segmenter segmenter = new Segmenter(store, 2 * Timebase.HZ, 1);
        runPasses(file, segmenter, timing.period());

        List<Frame> video = new ArrayList<>();
        List<Frame> audio = new ArrayList<>();
        List<Segment> segments = store.closedSegments();
        for (Segment s : segments) {
            List<Track> tracks = s.init().tracks();
            List<Frame> frames = CmafReader.readFragments(s.bytes(), tracks);
            List<Frame> segmentVideo = frames.stream().filter(f -> kind(tracks, f) == MediaKind.VIDEO).toList();
            assertThat(s.discontinuity()).as("segment %d discontinuous", s.number()).isFalse();
            assertThat(s.duration()).as("segment %d declares what it holds", s.number())
                    .isEqualTo(segmentVideo.stream().mapToLong(Frame::duration).sum());
            assertThat(segmentVideo.get(0).dts()).isEqualTo(s.startDts());
            video.addAll(segmentVideo);
            audio.addAll(frames.stream().filter(f -> kind(tracks, f) == MediaKind.AUDIO).toList());
        }
        assertThat(video).as("every video frame of %d passes", PASSES).hasSize(PASSES * timing.videoFrames());
        for (int i = 1; i < video.size(); i++) {
            Frame prev = video.get(i - 1);
            assertThat(prev.duration()).isEqualTo(FRAME);
            assertThat(video.get(i).dts()).as("video DTS after frame %d", i - 1).isEqualTo(prev.dts() + FRAME);
        }
        audio.sort((a, b) -> Long.compare(a.dts(), b.dts()));
        for (int i = 1; i < audio.size(); i++) {
            Frame prev = audio.get(i - 1);
            long gap = audio.get(i).dts() - (prev.dts() + prev.duration());
            assertThat(gap).as("audio after frame at %d", prev.dts()).isNotNegative().isLessThan(AUDIO_FRAME);
        }
        long firstVideo = video.get(0).dts();
        for (int pass = 0; pass < PASSES; pass++) {
            long passAudio = firstVideo + pass * timing.period() + timing.avOffset();
            assertThat(audio).as("pass %d's first audio frame keeps the file's A/V offset", pass)
                    .anyMatch(f -> f.dts() == passAudio);
        }
    }

    @Test
    void aFileReplacedBetweenPassesGoesOnWhereTheOldOneEnded() throws Exception {
        Path file = copy("/loop/bframes-longer-audio.mp4");
        byte[] replacement;
        try (InputStream in = FileInputLoopTest.class.getResourceAsStream("/loop/bframes.ts")) {
            replacement = in.readAllBytes();
        }
        List<Frame> frames = new ArrayList<>();
        long[] firstDts = {Long.MIN_VALUE};
        Pacer replaceAfterOnePass = dts -> {
            if (firstDts[0] == Long.MIN_VALUE) {
                firstDts[0] = dts;
            }
            try {
                if (dts - firstDts[0] >= PERIOD / 2 && Files.size(file) != replacement.length) {
                    Files.write(file, replacement); // read from the next pass on
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            if (dts - firstDts[0] >= 3 * PERIOD) {
                throw new InterruptedException("enough");
            }
        };
        FileInput input = new FileInput("file://x", file, () -> replaceAfterOnePass);
        assertThatThrownBy(() -> input.run(sink(tracks -> { }, frames::add))).isInstanceOf(InterruptedException.class);

        List<Frame> video = frames.stream().filter(f -> f.trackId() == 1).toList();
        for (int i = 1; i < video.size(); i++) {
            assertThat(video.get(i).dts()).isEqualTo(video.get(i - 1).dts() + FRAME);
        }
        assertThat(video.size()).isGreaterThan(2 * 50);
    }

    /** A sink handing tracks and frames to the test; cluster segments have no place here. */
    private static MediaSink sink(Consumer<List<Track>> onTracks, Consumer<Frame> onFrame) {
        return new MediaSink() {
            @Override
            public void onTracks(List<Track> tracks) {
                onTracks.accept(tracks);
            }

            @Override
            public void onFrame(Frame frame) {
                onFrame.accept(frame);
            }

            @Override
            public SegmentSink segments() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Runs the file through a timeline and a segmenter until {@link #PASSES} passes are in. */
    private static void runPasses(Path file, Segmenter segmenter, long period) throws Exception {
        TimelineMapper mapper = new TimelineMapper(() -> T0);
        long[] firstDts = {Long.MIN_VALUE};
        Pacer stopAfterPasses = dts -> {
            if (firstDts[0] == Long.MIN_VALUE) {
                firstDts[0] = dts;
            }
            // the first frames of the pass after the last one checked close the last segment
            if (dts - firstDts[0] >= PASSES * period + FRAME) {
                throw new InterruptedException("enough passes");
            }
        };
        MediaSink sink = sink(segmenter::onTracks, frame -> {
            Frame mapped = mapper.map(frame);
            if (mapped != null) {
                if (mapper.takeDiscontinuity()) {
                    segmenter.onDiscontinuity();
                }
                segmenter.onFrame(mapped);
            }
        });
        FileInput input = new FileInput("file://" + file.getFileName(), file, () -> stopAfterPasses);
        assertThatThrownBy(() -> input.run(sink)).isInstanceOf(InterruptedException.class);
    }

    /**
     * A file as its demuxer reads it: video frames, video length (sum of their durations) and
     * first audio DTS minus first video DTS.
     */
    private record FileTiming(int videoFrames, long period, long avOffset) {
        static FileTiming of(Path file) throws Exception {
            try (FrameReader reader = file.toString().endsWith(".ts") ? new TsFrameReader(file) : new Mp4FrameReader(file)) {
                List<Track> tracks = reader.tracks();
                int frames = 0;
                long period = 0;
                long video = Long.MIN_VALUE;
                long audio = Long.MIN_VALUE;
                for (Frame f = reader.next(); f != null; f = reader.next()) {
                    if (kind(tracks, f) == MediaKind.VIDEO) {
                        video = video == Long.MIN_VALUE ? f.dts() : video;
                        frames++;
                        period += f.duration();
                    } else if (kind(tracks, f) == MediaKind.AUDIO && audio == Long.MIN_VALUE) {
                        audio = f.dts();
                    }
                }
                return new FileTiming(frames, period, audio - video);
            }
        }
    }

    private static MediaKind kind(List<Track> tracks, Frame f) {
        return tracks.stream().filter(t -> t.id() == f.trackId()).findFirst().orElseThrow().kind();
    }

    private Path copy(String resource) throws Exception {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = FileInputLoopTest.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }
}
