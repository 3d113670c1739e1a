package io.cascade.dash;

import io.cascade.media.Segment;
import io.cascade.media.Track;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;

/**
 * What the manifest says about a stream's tracks besides what {@link Track} holds.
 *
 * @param codecs     the RFC 6381 codec of a track, e.g. {@code avc1.4D401F} or {@code mp4a.40.2}
 * @param trackBytes the size of the single-track segment a player fetches for a segment and one of
 *                   its init's tracks, 0 when it has none; Representation bandwidths are estimated
 *                   from it
 * @param trackSpan  where that single-track segment lies on the timeline, empty when the segment
 *                   has no frame of the track (it is then left out of that track's timeline)
 */
public record DashStreamInfo(Function<Track, String> codecs, ToLongBiFunction<Segment, Track> trackBytes,
                             BiFunction<Segment, Track, Optional<TrackSpan>> trackSpan) {

    public DashStreamInfo {
        if (codecs == null) {
            throw new IllegalArgumentException("codecs is required");
        }
        if (trackBytes == null) {
            throw new IllegalArgumentException("trackBytes is required");
        }
        if (trackSpan == null) {
            throw new IllegalArgumentException("trackSpan is required");
        }
    }

    /** Every track spanning each segment exactly, as a stream whose tracks are cut together would. */
    public DashStreamInfo(Function<Track, String> codecs, ToLongBiFunction<Segment, Track> trackBytes) {
        this(codecs, trackBytes, (s, t) -> Optional.of(new TrackSpan(s.startDts(), s.duration())));
    }
}
