package io.cascade.rtmp;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.List;

/** Receives one publisher's media (also what {@link RtmpPuller} delivers to). Called on a network thread. */
public interface PublishSession {
    /** The tracks, before the first frame and again whenever they change. */
    void onTracks(List<Track> tracks);

    /** A frame; times are the publisher's clock in 90 kHz ticks, continuous over wrap-around. */
    void onFrame(Frame frame);

    /** The publisher has gone (unpublished, disconnected or dropped for a protocol error). */
    void onClose();
}
