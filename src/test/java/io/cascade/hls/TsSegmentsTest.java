package io.cascade.hls;

import io.cascade.cmaf.CmafFragmentWriter;
import io.cascade.cmaf.CmafInitWriter;
import io.cascade.cmaf.CmafReader;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.mpegts.TsContinuity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The TS form of canonical segments of the bundled demo clip (5 GOPs of 2 s). */
class TsSegmentsTest {
    private static final long FIRST = 898_108_590; // 10 numbers from here cross a multiple of 16
    private static InitSegment init;
    /** The canonical bytes of each GOP of the clip. */
    private static final List<byte[]> gops = new ArrayList<>();

    @BeforeAll
    static void cut(@TempDir Path dir) throws Exception {
        Path mp4 = dir.resolve("demo.mp4");
        try (InputStream in = TsSegmentsTest.class.getResourceAsStream("/demo/demo.mp4")) {
            Files.copy(in, mp4);
        }
        List<Frame> frames = new ArrayList<>();
        List<Track> tracks;
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(mp4)) {
            tracks = demuxer.tracks();
            for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent(); f = demuxer.nextFrame()) {
                frames.add(f.get().shifted(Windows.T0)); // on the UTC timeline, as inputs map it
            }
        }
        byte[] initBytes = CmafInitWriter.write(tracks);
        init = new InitSegment(1, CmafReader.readInit(initBytes), initBytes);
        int video = tracks.stream().filter(Track::isVideo).findFirst().orElseThrow().id();
        List<Long> cuts = new ArrayList<>(frames.stream().filter(f -> f.trackId() == video && f.keyframe()).map(Frame::dts).toList());
        cuts.add(Long.MAX_VALUE);
        for (int g = 0; g + 1 < cuts.size(); g++) {
            long from = g == 0 ? Long.MIN_VALUE : cuts.get(g);
            long to = cuts.get(g + 1);
            List<Frame> gop = frames.stream().filter(f -> f.dts() >= from && f.dts() < to).toList();
            gops.add(CmafFragmentWriter.write(g + 1, init.tracks(), gop));
        }
        assertThat(gops).hasSize(5);
    }

    private static Segment segment(long number, byte[] bytes) {
        return Segment.complete(number, 0, 180_000, init, false, bytes);
    }

    @Test
    void sameCanonicalBytesAndNumberGiveTheSameTsAndTheNumberOnlyMovesThePsiCounters() {
        byte[] a = TsSegments.of(segment(FIRST, gops.get(1)));
        byte[] b = TsSegments.of(segment(FIRST, gops.get(1).clone()));
        byte[] next = TsSegments.of(segment(FIRST + 1, gops.get(1)));
        assertThat(a).isEqualTo(b).hasSameSizeAs(next);
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != next[i]) {
                differing.add(i);
            }
        }
        assertThat(differing).as("bytes that differ with the number: PAT and PMT counters").containsExactly(3, 188 + 3);
    }

    @Test
    void tenConsecutiveSegmentsOfALoopingStreamAreContinuous() {
        ByteArrayOutputStream played = new ByteArrayOutputStream();
        for (int k = 0; k < 10; k++) {
            byte[] ts = TsSegments.of(segment(FIRST + k, gops.get(k % gops.size())));
            assertThat(TsContinuity.breaks(ts)).as("inside segment %d", FIRST + k).isEmpty();
            played.writeBytes(ts);
        }
        assertThat(TsContinuity.breaks(played.toByteArray())).isEmpty();
    }
}
