package io.cascade.hls;

import io.cascade.cmaf.CmafReader;
import io.cascade.media.DerivedForm;
import io.cascade.media.Segment;
import io.cascade.media.Track;
import io.cascade.mpegts.TsSegmentWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The MPEG-TS form of a segment: a pure function of the segment's canonical bytes, tracks and
 * number (which keeps the continuity counters of consecutive segments continuous), made once per
 * segment and shared by every viewer.
 */
public final class TsSegments {
    /** The MPEG-TS bytes of a segment. */
    public static final DerivedForm<byte[]> TS = DerivedForm.named("ts");

    private TsSegments() {
    }

    public static byte[] of(Segment segment) {
        return segment.derived(TS, TsSegments::convert);
    }

    private static byte[] convert(Segment s) {
        List<Track> tracks = s.init().tracks();
        try {
            return TsSegmentWriter.write(tracks, CmafReader.readFragments(s.bytes(), tracks), s.number());
        } catch (IOException e) {
            throw new UncheckedIOException("segment " + s.number() + " cannot be read back", e);
        }
    }
}
