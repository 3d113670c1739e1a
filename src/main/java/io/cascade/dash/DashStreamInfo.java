package io.cascade.dash;

import io.cascade.media.Segment;
import io.cascade.media.Track;

import java.util.function.Function;
import java.util.function.ToLongBiFunction;

/**
 * What the manifest says about a stream's tracks besides what {@link Track} holds.
 *
 * @param codecs     the RFC 6381 codec of a track, e.g. {@code avc1.4D401F} or {@code mp4a.40.2}
 * @param trackBytes the size of the single-track segment a player fetches for a segment and one of
 *                   its init's tracks, 0 when it has none; Representation bandwidths are estimated
 *                   from it
 */
public record DashStreamInfo(Function<Track, String> codecs, ToLongBiFunction<Segment, Track> trackBytes) {

    public DashStreamInfo {
        if (codecs == null) {
            throw new IllegalArgumentException("codecs is required");
        }
        if (trackBytes == null) {
            throw new IllegalArgumentException("trackBytes is required");
        }
    }
}
