package io.cascade.rtmp;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test feed: whatever a publisher sends goes straight to the subscribed viewers. */
final class RelayFeed implements PlaybackFeed {
    final List<PlaybackSubscriber> subscribers = new CopyOnWriteArrayList<>();
    volatile List<Track> tracks = List.of();

    @Override
    public List<Track> tracks() {
        return tracks;
    }

    @Override
    public void subscribe(PlaybackSubscriber s) {
        subscribers.add(s);
    }

    @Override
    public void unsubscribe(PlaybackSubscriber s) {
        subscribers.remove(s);
    }

    void onTracks(List<Track> t) {
        tracks = t;
        subscribers.forEach(s -> s.onTracks(t));
    }

    void onFrame(Frame f) {
        subscribers.forEach(s -> s.onFrame(f));
    }
}
