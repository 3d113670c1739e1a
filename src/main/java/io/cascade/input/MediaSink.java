package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.List;

/** Where an input delivers what it reads, in the input's own clock (90 kHz). */
public interface MediaSink {
    /** The tracks of the frames that follow; called again when they change. */
    void onTracks(List<Track> tracks);

    void onFrame(Frame frame);

    /**
     * The HLS target duration (seconds) the source of whole segments announces for them, so a
     * restreamer's playlists say what its source's say.
     */
    default void onSourceTarget(long targetSeconds) {
    }

    /**
     * Where the running input counts what it received (bytes, errors); a sink of a stream's
     * supervisor hands out the input's own, shown in the API.
     */
    default InputStats stats() {
        return new InputStats();
    }

    /** The same stream's segment-level entry, for inputs that carry whole segments. */
    SegmentSink segments();
}
