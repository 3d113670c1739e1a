package io.cascade.dvr;

import io.cascade.codec.AvcConfig;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.stream.Segmenter;
import io.cascade.testing.GoldenSamples;

import java.io.IOException;
import java.util.List;

/** Real canonical segments (2 s, H.264 + AAC) made by the segmenter, for archive tests. */
public final class TestSegments {
    /** 2025-12-01T10:00:00Z. */
    public static final long T0 = 1_764_583_200L * Timebase.HZ;
    static final long FRAME = Timebase.HZ / 25;
    public static final long TWO_SECONDS = 2 * Timebase.HZ;

    private TestSegments() {
    }

    static List<Track> tracks() throws IOException {
        AvcConfig golden = GoldenSamples.h264Config();
        return List.of(Track.video(1, Codec.H264, AvcConfig.build(List.of(golden.sps().getFirst()),
                        List.of(golden.pps().getFirst())), 640, 360, 25),
                Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2));
    }

    /** {@code count} consecutive closed 2 s segments from {@code start}, numbered from {@code first}. */
    public static List<Segment> make(long first, long start, int count) throws IOException {
        SegmentStore store = new SegmentStore(count + 2);
        Segmenter s = new Segmenter(store, TWO_SECONDS, first);
        s.onTracks(tracks());
        int frames = count * 50 + 1;
        long audioDts = start;
        for (int i = 0; i < frames; i++) {
            long dts = start + i * FRAME;
            while (audioDts <= dts) {
                s.onFrame(new Frame(2, audioDts, audioDts, 1920, true, new byte[] {1, 2, 3, (byte) i}));
                audioDts += 1920;
            }
            s.onFrame(new Frame(1, dts, dts, FRAME, i % 25 == 0, new byte[] {0, 0, 0, 3, 0x65, 1, (byte) i}));
        }
        List<Segment> closed = store.closedSegments();
        if (closed.size() != count) {
            throw new IllegalStateException("made " + closed.size() + " segments instead of " + count);
        }
        return closed;
    }
}
