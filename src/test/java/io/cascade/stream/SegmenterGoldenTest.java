package io.cascade.stream;

import io.cascade.cmaf.CmafReader;
import io.cascade.media.Frame;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.testing.GoldenDump;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/**
 * The canonical bytes the Segmenter and the CMAF writer make of a sample, pinned by their
 * SHA-256: two servers must cut the same frames into the same bytes (the cluster copies them
 * verbatim and derives every other form from them), so any change to these bytes is a protocol
 * change and shows up here. The frames the CMAF reader gets back from them are pinned as text.
 */
class SegmenterGoldenTest {
    private static final long T0 = 1_700_000_000L * Timebase.HZ;

    private static SegmentStore segment(String sample) throws Exception {
        SegmentStore store = new SegmentStore(20);
        Segmenter segmenter = new Segmenter(store, Timebase.HZ, 1);
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(GoldenSamples.path(sample))) {
            segmenter.onTracks(demuxer.tracks());
            for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent(); f = demuxer.nextFrame()) {
                Frame frame = f.get();
                segmenter.onFrame(new Frame(frame.trackId(), T0 + frame.dts(), T0 + frame.pts(), frame.duration(),
                        frame.keyframe(), frame.data()));
            }
        }
        segmenter.finish();
        return store;
    }

    @Test
    void canonicalBytesAreAsPinned() throws Exception {
        for (String sample : new String[] {GoldenSamples.H264_AAC_MP4, GoldenSamples.H265_MP4}) {
            SegmentStore store = segment(sample);
            GoldenDump sums = new GoldenDump().line("init " + GoldenDump.sha256(store.init().orElseThrow().bytes()));
            GoldenDump read = new GoldenDump().tracks(store.init().orElseThrow().tracks());
            for (Segment s : store.closedSegments()) {
                sums.line("segment " + s.number() + " start=" + (s.startDts() - T0) + " duration=" + s.duration()
                        + " " + GoldenDump.sha256(s.bytes()));
                read.line("segment " + s.number()).frames(CmafReader.readFragments(s.bytes(), s.init().tracks()));
            }
            sums.assertMatches(sample + ".cmaf.sha256");
            read.assertMatches(sample + ".cmaf.dump");
        }
    }
}
