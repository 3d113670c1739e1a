package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.testing.Fuzz;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The CMAF reader, fed hostile variants of real init and fragment bytes, fails with MediaFormatException only. */
class CmafFuzzTest {
    @Test
    void initAndFragments() throws Exception {
        List<Track> tracks;
        List<Frame> frames = new ArrayList<>();
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(GoldenSamples.path(GoldenSamples.H264_AAC_MP4))) {
            tracks = demuxer.tracks();
            for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent() && frames.size() < 12; f = demuxer.nextFrame()) {
                Frame frame = f.get(); // the writer takes times from 0 on, as the Segmenter hands them over
                frames.add(new Frame(frame.trackId(), frame.dts() + 90_000, frame.pts() + 90_000, frame.duration(),
                        frame.keyframe(), frame.data()));
            }
        }
        byte[] init = CmafInitWriter.write(tracks);
        byte[] fragments = CmafFragmentWriter.write(1, tracks, frames);
        Fuzz.onlyFormatErrors("CMAF init", List.of(init), 400, 21, CmafReader::parseInit);
        Fuzz.onlyFormatErrors("CMAF fragments", List.of(fragments), 400, 22, b -> CmafReader.readFragments(b, tracks));
        Fuzz.onlyFormatErrors("track fragments", List.of(fragments), 100, 23,
                b -> TrackFragments.extract(b, tracks, tracks.getFirst(), 1));
    }
}
