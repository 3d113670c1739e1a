package io.cascade.hls;

import io.cascade.media.Codec;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.media.Track;

import java.time.Instant;
import java.util.List;

/** Small live windows for playlist tests. */
final class Windows {
    static final InitSegment INIT = init(1);
    /** 2026-11-24T10:00:00Z on the 90 kHz clock. */
    static final long T0 = Timebase.fromInstant(Instant.parse("2026-11-24T10:00:00Z"));
    static final long TWO_SECONDS = 2 * Timebase.HZ;

    private Windows() {
    }

    static InitSegment init(int version) {
        return new InitSegment(version, List.of(
                Track.video(1, Codec.H264, new byte[] {1}, 1280, 720, 25),
                Track.audio(2, Codec.AAC, new byte[] {0x12, 0x10}, 48000, 2)), new byte[0]);
    }

    static Segment segment(long number, long start, long duration) {
        return Segment.complete(number, start, duration, INIT, false, new byte[0]);
    }

    static Segment discontinuity(long number, long start, long duration) {
        return Segment.complete(number, start, duration, INIT, true, new byte[0]);
    }

    /** Three 2 s segments numbered 100..102 from {@link #T0}. */
    static List<Segment> threeSegments() {
        return List.of(segment(100, T0, TWO_SECONDS),
                segment(101, T0 + TWO_SECONDS, TWO_SECONDS),
                segment(102, T0 + 2 * TWO_SECONDS, TWO_SECONDS));
    }
}
