package io.cascade.dash;

import io.cascade.cmaf.TrackFragments;
import io.cascade.media.DerivedForm;
import io.cascade.media.Segment;
import io.cascade.media.Track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The single-track form of a closed segment that a DASH Representation lists: a pure function of
 * the segment's canonical bytes and init, made once per segment and track and shared by every
 * viewer.
 */
final class TrackSegments {
    /** One track's fragment of a segment; a variant per track id. */
    private static final DerivedForm<Optional<byte[]>> TRACK_FRAGMENT = DerivedForm.named("dash-track");

    private TrackSegments() {
    }

    /**
     * @param track one of the segment's init tracks
     * @return one {@code moof}+{@code mdat} of that track's frames, with the segment's number (mod 2^32)
     *         as sequence number; empty when the segment has no frame of the track
     */
    static Optional<byte[]> of(Segment segment, Track track) {
        return segment.derived(TRACK_FRAGMENT.variant(track.id()), s -> extract(s, track));
    }

    /** The size of {@link #of}, 0 when empty. */
    static long size(Segment segment, Track track) {
        return of(segment, track).map(b -> (long) b.length).orElse(0L);
    }

    private static Optional<byte[]> extract(Segment s, Track track) {
        try {
            return TrackFragments.extract(s.bytes(), s.init().tracks(), track, s.number() & 0xFFFF_FFFFL);
        } catch (IOException e) {
            throw new UncheckedIOException("segment " + s.number() + " cannot be read back", e);
        }
    }
}
