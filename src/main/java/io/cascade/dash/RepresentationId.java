package io.cascade.dash;

import io.cascade.media.Track;

/**
 * The Representation of one track, named by its kind letter and track id ({@code v1}, {@code a2}),
 * and the file names made from it. The kind letter keeps a URI of one track from silently
 * serving another kind after the stream's tracks change.
 */
record RepresentationId(char kind, int trackId) {
    static final char VIDEO = 'v';
    static final char AUDIO = 'a';

    RepresentationId {
        if (kind != VIDEO && kind != AUDIO) {
            throw new IllegalArgumentException("unknown kind letter " + kind);
        }
        if (trackId <= 0) {
            throw new IllegalArgumentException("track id must be positive: " + trackId);
        }
    }

    static RepresentationId of(Track track) {
        return new RepresentationId(track.isVideo() ? VIDEO : AUDIO, track.id());
    }

    boolean names(Track track) {
        return equals(of(track));
    }

    /** {@code init-v1.mp4}: the single-track init segment. */
    String initialization() {
        return "init-" + this + ".mp4";
    }

    /** {@code seg-v1-t$Time$.m4s}: the SegmentTemplate media pattern, by the track's own start time. */
    String media() {
        return "seg-" + this + "-t$Time$.m4s";
    }

    /** The derived-form key of a segment's single-track fragment. */
    @Override
    public String toString() {
        return kind + Integer.toString(trackId);
    }
}
