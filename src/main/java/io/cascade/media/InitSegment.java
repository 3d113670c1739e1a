package io.cascade.media;

import java.util.List;
import java.util.Optional;

/**
 * The initialization segment of a stream (fMP4 {@code ftyp}+{@code moov}) with the tracks it
 * describes. {@code version} rises each time a stream's tracks change, so a segment names the
 * init it needs and a reader sees a change without comparing bytes.
 */
public record InitSegment(int version, List<Track> tracks, byte[] bytes) {

    public InitSegment {
        tracks = List.copyOf(tracks);
    }

    public Optional<Track> track(int id) {
        return tracks.stream().filter(t -> t.id() == id).findFirst();
    }

    public Optional<Track> firstOf(MediaKind kind) {
        return tracks.stream().filter(t -> t.kind() == kind).findFirst();
    }

    /** True when both describe the same tracks, whatever their version. */
    public boolean sameTracks(List<Track> other) {
        return tracks.equals(other);
    }
}
