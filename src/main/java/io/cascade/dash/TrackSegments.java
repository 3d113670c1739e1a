package io.cascade.dash;

import io.cascade.cmaf.CmafReader;
import io.cascade.cmaf.TrackFragments;
import io.cascade.media.DerivedForm;
import io.cascade.media.Frame;
import io.cascade.media.Segment;
import io.cascade.media.Track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The single-track form of a closed segment that a DASH Representation lists: a pure function of
 * the segment's canonical bytes and init, made once per segment and track and shared by every
 * viewer, together with the span the manifest announces for it.
 */
public final class TrackSegments {
    /** One track's fragment of a segment and its span; a variant per track id. */
    private static final DerivedForm<Optional<TrackSegment>> TRACK_SEGMENT = DerivedForm.named("dash-track");

    private TrackSegments() {
    }

    /** A single-track fragment and where it lies, read back from its own bytes. */
    private record TrackSegment(byte[] bytes, TrackSpan span) {
    }

    /**
     * @param track one of the segment's init tracks
     * @return one {@code moof}+{@code mdat} of that track's frames, with the segment's number (mod 2^32)
     *         as sequence number; empty when the segment has no frame of the track
     */
    public static Optional<byte[]> of(Segment segment, Track track) {
        return made(segment, track).map(TrackSegment::bytes);
    }

    /** Where {@link #of} starts and how long it lasts; empty when the segment has no frame of the track. */
    static Optional<TrackSpan> span(Segment segment, Track track) {
        return made(segment, track).map(TrackSegment::span);
    }

    /** The size of {@link #of}, 0 when empty. */
    static long size(Segment segment, Track track) {
        return of(segment, track).map(b -> (long) b.length).orElse(0L);
    }

    private static Optional<TrackSegment> made(Segment segment, Track track) {
        return segment.derived(TRACK_SEGMENT.variant(track.id()), s -> extract(s, track));
    }

    private static Optional<TrackSegment> extract(Segment s, Track track) {
        try {
            Optional<byte[]> bytes = TrackFragments.extract(s.bytes(), s.init().tracks(), track, s.number() & 0xFFFF_FFFFL);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            // Read back from the bytes served, so the manifest says exactly what the fragment holds.
            return Optional.of(new TrackSegment(bytes.get(), spanOf(CmafReader.readFragments(bytes.get(), List.of(track)))));
        } catch (IOException e) {
            throw new UncheckedIOException("segment " + s.number() + " cannot be read back", e);
        }
    }

    private static TrackSpan spanOf(List<Frame> frames) {
        long start = frames.getFirst().dts();
        long end = start;
        for (Frame f : frames) {
            end = Math.max(end, f.dts() + f.duration());
        }
        return new TrackSpan(start, end - start);
    }
}
