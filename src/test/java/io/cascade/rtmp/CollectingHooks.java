package io.cascade.rtmp;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/** Test hooks: accepts publishers on the given names and collects what they send; plays registered feeds. */
final class CollectingHooks implements RtmpHooks {
    final Set<String> publishable;
    final List<List<Track>> trackAnnouncements = new CopyOnWriteArrayList<>();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final List<String> publishRequests = new CopyOnWriteArrayList<>();
    final Map<String, PlaybackFeed> feeds = new ConcurrentHashMap<>();
    /** Everything published is also relayed here, so players can watch a live publish. */
    final RelayFeed relay = new RelayFeed();

    CollectingHooks(String... publishable) {
        this.publishable = Set.of(publishable);
    }

    @Override
    public Optional<PublishSession> publish(String app, String name, String clientIp) {
        publishRequests.add(app + "/" + name);
        if (!publishable.contains(app + "/" + name)) {
            return Optional.empty();
        }
        return Optional.of(new PublishSession() {
            @Override
            public void onTracks(List<Track> t) {
                trackAnnouncements.add(t);
                relay.onTracks(t);
            }

            @Override
            public void onFrame(Frame f) {
                frames.add(f);
                relay.onFrame(f);
            }

            @Override
            public void onClose() {
                closed.countDown();
            }
        });
    }

    @Override
    public Optional<PlaybackFeed> play(String app, String name, String clientIp) {
        PlaybackFeed feed = feeds.get(app + "/" + name);
        return Optional.ofNullable(feed != null ? feed : feeds.get(name));
    }

    List<Frame> framesOf(int trackId) {
        return frames.stream().filter(f -> f.trackId() == trackId).toList();
    }
}
