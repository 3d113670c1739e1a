package io.cascade.mp4;

import io.cascade.media.Frame;
import io.cascade.testing.GoldenDump;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

/** The MP4 demuxer's output for the committed samples, pinned as text. */
class Mp4GoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {GoldenSamples.H264_AAC_MP4, GoldenSamples.H265_MP4, GoldenSamples.HE_AAC_MP4})
    void demuxesAsPinned(String sample) throws Exception {
        GoldenDump dump = new GoldenDump();
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(GoldenSamples.path(sample))) {
            dump.tracks(demuxer.tracks());
            for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent(); f = demuxer.nextFrame()) {
                dump.frame(f.get());
            }
        }
        dump.assertMatches(sample + ".dump");
    }
}
