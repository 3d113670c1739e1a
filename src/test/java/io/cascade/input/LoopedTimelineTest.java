package io.cascade.input;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopedTimelineTest {
    private static final long FRAME = 3600;
    private static final long AUDIO_FRAME = 1920;
    private static final Track VIDEO = Track.video(1, Codec.H264, new byte[] {1, 0x4d, 0, 0x1e, (byte) 0xff, (byte) 0xe0, 0},
            320, 180, 25);
    private static final Track AUDIO = Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2);

    /** Audio first in file order (it starts before the video), then interleaved, audio ending 1.5 frames late. */
    private static List<Frame> pass() {
        List<Frame> frames = new ArrayList<>();
        long audio = -3000;
        for (int i = 0; i < 10; i++) {
            long dts = i * FRAME;
            while (audio <= dts + 2 * FRAME) { // audio muxed two frames ahead of video
                frames.add(new Frame(2, audio, audio, AUDIO_FRAME, true, new byte[1]));
                audio += AUDIO_FRAME;
            }
            frames.add(new Frame(1, dts, dts, i == 9 ? 0 : FRAME, i == 0, new byte[1]));
        }
        return frames;
    }

    private static List<Frame> play(LoopedTimeline timeline, int passes) throws Exception {
        List<Frame> out = new ArrayList<>();
        for (int p = 0; p < passes; p++) {
            timeline.startPass(List.of(VIDEO, AUDIO));
            for (Frame f : pass()) {
                out.addAll(timeline.accept(f));
            }
            out.addAll(timeline.endPass());
        }
        return out;
    }

    @Test
    void thePeriodIsTheVideoTrackWithALastFrameWithoutDurationLastingAsTheOneBefore() throws Exception {
        LoopedTimeline timeline = new LoopedTimeline();
        List<Frame> out = play(timeline, 3);
        assertThat(timeline.period()).isEqualTo(10 * FRAME);
        List<Long> video = out.stream().filter(f -> f.trackId() == 1).map(Frame::dts).toList();
        assertThat(out).filteredOn(f -> f.trackId() == 1).allMatch(f -> f.duration() == FRAME);
        assertThat(video).hasSize(30);
        for (int i = 0; i < video.size(); i++) {
            assertThat(video.get(i)).isEqualTo(i * FRAME);
        }
    }

    @Test
    void audioOverlappingTheNextPassIsDroppedLeavingLessThanAFrameAndTheOffsetStays() throws Exception {
        List<Frame> audio = play(new LoopedTimeline(), 3).stream().filter(f -> f.trackId() == 2).toList();
        for (int i = 1; i < audio.size(); i++) {
            long gap = audio.get(i).dts() - (audio.get(i - 1).dts() + AUDIO_FRAME);
            assertThat(gap).as("after audio %d", i - 1).isNotNegative().isLessThan(AUDIO_FRAME);
        }
        for (int p = 0; p < 3; p++) {
            long first = -3000 + p * 10 * FRAME;
            assertThat(audio).as("pass %d starts its audio where the file does", p).anyMatch(f -> f.dts() == first);
        }
    }

    @Test
    void audioHeldInTheFirstPassComesOutInOrder() throws Exception {
        List<Frame> out = play(new LoopedTimeline(), 1);
        List<Long> audio = out.stream().filter(f -> f.trackId() == 2).map(Frame::dts).toList();
        assertThat(audio).isSorted().doesNotHaveDuplicates();
        assertThat(audio.get(audio.size() - 1) + AUDIO_FRAME).isLessThanOrEqualTo(-3000 + 10 * FRAME);
    }

    @Test
    void anAudioOnlyFileLoopsOnItsOwnLengthWithoutAGap() throws Exception {
        LoopedTimeline timeline = new LoopedTimeline();
        List<Frame> out = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            timeline.startPass(List.of(AUDIO.withId(1)));
            for (int i = 0; i < 5; i++) {
                out.addAll(timeline.accept(new Frame(1, 500 + i * AUDIO_FRAME, 500 + i * AUDIO_FRAME, AUDIO_FRAME, true, new byte[1])));
            }
            out.addAll(timeline.endPass());
        }
        assertThat(out).hasSize(15);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).dts()).isEqualTo(500 + i * AUDIO_FRAME);
        }
    }

    @Test
    void aReplacedFileIsLearnedAnewAndStartsWhereTheOldOneEnded() throws Exception {
        LoopedTimeline timeline = new LoopedTimeline();
        List<Frame> out = new ArrayList<>(play(timeline, 2));
        long end = out.stream().mapToLong(f -> f.dts() + f.duration()).max().orElseThrow();
        assertThat(end).isEqualTo(20 * FRAME);
        timeline.newFile();
        timeline.startPass(List.of(VIDEO));
        List<Frame> next = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            next.addAll(timeline.accept(new Frame(1, 90_000 + i * FRAME, 90_000 + i * FRAME, FRAME, i == 0, new byte[1])));
        }
        next.addAll(timeline.endPass());
        assertThat(timeline.period()).isEqualTo(5 * FRAME);
        assertThat(next.get(0).dts()).isEqualTo(end);
        assertThat(next).extracting(Frame::dts).containsExactly(end, end + FRAME, end + 2 * FRAME, end + 3 * FRAME,
                end + 4 * FRAME);
    }

    @Test
    void framesHeldInTheFirstPassAreBoundedInBytes() throws Exception {
        LoopedTimeline timeline = new LoopedTimeline();
        timeline.startPass(List.of(VIDEO, AUDIO));
        List<Frame> out = new ArrayList<>();
        // audio muxed far ahead of any video: nothing clears it, the byte bound lets it go
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < 20; i++) {
            out.addAll(timeline.accept(new Frame(2, i * AUDIO_FRAME, i * AUDIO_FRAME, AUDIO_FRAME, true, big)));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(20 - (int) (LoopedTimeline.MAX_HELD_BYTES / big.length));
        assertThat(out).extracting(Frame::dts).isSorted();
    }

    @Test
    void aFileTooShortToLoopFailsInsteadOfSpinning() throws Exception {
        LoopedTimeline timeline = new LoopedTimeline();
        timeline.startPass(List.of(VIDEO));
        timeline.accept(new Frame(1, 0, 0, 1, true, new byte[1]));
        assertThatThrownBy(timeline::endPass).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("too short to loop");
    }
}
