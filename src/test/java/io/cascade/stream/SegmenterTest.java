package io.cascade.stream;

import io.cascade.cmaf.CmafInitWriter;
import io.cascade.cmaf.CmafReader;
import io.cascade.codec.AvcConfig;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SegmenterTest {
    private static final long T0 = 1_700_000_000L * Timebase.HZ;
    private static final long FRAME = Timebase.HZ / 25;
    private static Track video;
    private static Track audio;

    @BeforeAll
    static void tracks() throws Exception {
        AvcConfig golden = GoldenSamples.h264Config(); // x264 output, committed: no encoder needed
        byte[] sps = golden.sps().getFirst();
        byte[] pps = golden.pps().getFirst();
        video = Track.video(1, Codec.H264, AvcConfig.build(List.of(sps), List.of(pps)), 640, 360, 25);
        audio = Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2);
    }

    /** One second of 25 fps video (keyframe every {@code gop} frames) with audio, from {@code start}. */
    private static void feed(Segmenter s, long start, int frames, int gop) {
        long audioDts = start;
        for (int i = 0; i < frames; i++) {
            long dts = start + i * FRAME;
            while (audioDts <= dts) {
                s.onFrame(new Frame(2, audioDts, audioDts, 1920, true, new byte[] {1, 2, 3}));
                audioDts += 1920;
            }
            s.onFrame(new Frame(1, dts, dts, FRAME, i % gop == 0, new byte[] {0, 0, 0, 2, 0x65, 1}));
        }
    }

    @Test
    void cutsAtTheFirstKeyframeAfterTheTargetWithRisingNumbersAndKeyframeStarts() throws Exception {
        SegmentStore store = new SegmentStore(20);
        Segmenter s = new Segmenter(store, 2 * Timebase.HZ, 100);
        s.onTracks(List.of(video, audio));
        feed(s, T0, 175, 25);
        List<Segment> closed = store.closedSegments();
        assertThat(closed).extracting(Segment::number).containsExactly(100L, 101L, 102L);
        for (Segment seg : closed) {
            assertThat(seg.duration()).isEqualTo(2 * Timebase.HZ);
            List<Frame> frames = CmafReader.readFragments(seg.bytes(), seg.init().tracks());
            Frame first = frames.stream().filter(f -> f.trackId() == 1).findFirst().orElseThrow();
            assertThat(first.keyframe()).isTrue();
            assertThat(first.dts()).isEqualTo(seg.startDts());
            assertThat(frames).allMatch(f -> f.trackId() != 2 || f.dts() >= seg.startDts() - 1920);
        }
        assertThat(closed.get(1).startDts()).isEqualTo(closed.get(0).endDts());
        assertThat(store.growing()).isPresent();
        assertThat(store.growing().get().chunkCount()).as("one chunk per video frame").isGreaterThan(1);
    }

    @Test
    void afterAnotherInputPublishedItsInitTheSegmenterRepublishesItsOwnUnderAHigherVersion() throws Exception {
        SegmentStore store = new SegmentStore(20);
        Segmenter s = new Segmenter(store, 2 * Timebase.HZ, 1);
        s.onTracks(List.of(video, audio));
        feed(s, T0, 60, 25);
        s.finish();
        InitSegment ours = store.init().orElseThrow();
        byte[] otherBytes = CmafInitWriter.write(List.of(video.withId(1)));
        InitSegment theirs = new InitSegment(ours.version() + 4, CmafReader.readInit(otherBytes), otherBytes);
        store.setInit(theirs);
        store.addComplete(Segment.complete(store.lastNumber() + 1, T0 + 60 * FRAME, 2 * Timebase.HZ, theirs, true, new byte[0]));

        s.onTracks(List.of(video, audio));
        feed(s, T0 + 200 * FRAME, 60, 25);
        InitSegment again = store.init().orElseThrow();
        assertThat(again.version()).isGreaterThan(theirs.version());
        assertThat(again.bytes()).isEqualTo(ours.bytes());
        Segment next = store.closedSegments().get(store.closedSegments().size() - 1);
        assertThat(next.init()).isSameAs(again);
        assertThat(next.discontinuity()).isTrue();
        assertThat(next.number()).isGreaterThan(store.closedSegments().get(0).number());
    }
}
