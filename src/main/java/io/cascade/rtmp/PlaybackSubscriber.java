package io.cascade.rtmp;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.List;

/** Told of a feed's media; called from the feed's thread, must not block. */
public interface PlaybackSubscriber {
    void onTracks(List<Track> tracks);

    /** A frame, with times on the feed's 90 kHz timeline, in decode order. */
    void onFrame(Frame frame);

    /**
     * Frames that arrived together (one CMAF chunk: a video frame and the audio beside it), so a
     * subscriber can send them to its connections in one write.
     */
    default void onFrames(List<Frame> frames) {
        frames.forEach(this::onFrame);
    }
}
