package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4FormatException;

import java.util.List;
import java.util.Optional;

/**
 * One track's share of canonical fragments, rewritten as a single fragment of its own: the form
 * players need that expect one media component per file (DASH Representations).
 */
public final class TrackFragments {
    private TrackFragments() {
    }

    /**
     * @param bytes          canonical {@code moof}+{@code mdat} chunks (e.g. a whole segment)
     * @param tracks         the tracks of the init segment the bytes belong to
     * @param track          the track to keep, one of {@code tracks}
     * @param sequenceNumber the mfhd sequence number of the result
     * @return one {@code moof}+{@code mdat} holding every frame of {@code track} with its own
     *         duration, or empty when the bytes hold no frame of it
     * @throws Mp4FormatException when the bytes are not readable fragments of {@code tracks}
     */
    public static Optional<byte[]> extract(byte[] bytes, List<Track> tracks, Track track, long sequenceNumber)
            throws Mp4FormatException {
        if (!tracks.contains(track)) {
            throw new IllegalArgumentException(track + " is not one of " + tracks);
        }
        List<Frame> frames = CmafReader.readFragments(bytes, tracks).stream()
                .filter(f -> f.trackId() == track.id())
                .toList();
        if (frames.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CmafFragmentWriter.write(sequenceNumber, List.of(track), frames));
    }
}
