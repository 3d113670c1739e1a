package io.cascade.rtmp;

import io.cascade.media.Track;

import java.util.List;

/** A live stream RTMP viewers can watch; implemented over the stream by its owner. */
public interface PlaybackFeed {
    /** The current tracks, empty while none are known. */
    List<Track> tracks();

    /** Starts delivering to {@code subscriber}: {@link PlaybackSubscriber#onTracks} first, then frames. */
    void subscribe(PlaybackSubscriber subscriber);

    void unsubscribe(PlaybackSubscriber subscriber);
}
