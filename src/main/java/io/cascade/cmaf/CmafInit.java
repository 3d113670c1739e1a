package io.cascade.cmaf;

import io.cascade.media.Track;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tracks an init segment describes and what their fragments inherit from it. */
public record CmafInit(List<Track> tracks, Map<Integer, TrackDefaults> defaults) {

    public CmafInit {
        tracks = List.copyOf(tracks);
        defaults = Map.copyOf(defaults);
    }

    /** Tracks as Cascade's own init segments describe them: 90 kHz, no sample defaults. */
    public static CmafInit canonical(List<Track> tracks) {
        return new CmafInit(tracks, tracks.stream()
                .collect(Collectors.toMap(Track::id, t -> TrackDefaults.canonical(), (a, b) -> a)));
    }

    public Optional<TrackDefaults> defaults(int trackId) {
        return Optional.ofNullable(defaults.get(trackId));
    }

    Map<Integer, Track> tracksById() {
        return tracks.stream().collect(Collectors.toMap(Track::id, Function.identity(), (a, b) -> a));
    }
}
