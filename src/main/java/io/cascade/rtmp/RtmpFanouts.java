package io.cascade.rtmp;

import io.netty.channel.Channel;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One {@link RtmpFanout} per feed, made when the first viewer comes and dropped when the last
 * leaves, so a feed is subscribed to only while someone watches.
 */
final class RtmpFanouts {
    private final RtmpLimits limits;
    private final Map<PlaybackFeed, RtmpFanout> byFeed = new IdentityHashMap<>();

    RtmpFanouts(RtmpLimits limits) {
        this.limits = limits;
    }

    /** A viewer of {@code feed} on {@code channel}, to be given back to {@link #leave}. */
    synchronized Membership join(PlaybackFeed feed, Channel channel) {
        RtmpFanout fanout = byFeed.get(feed);
        boolean first = fanout == null;
        if (first) {
            fanout = new RtmpFanout(limits);
            byFeed.put(feed, fanout);
        }
        RtmpFanout.Viewer viewer = fanout.add(channel);
        if (first) {
            // the feed calls back into the fanout; never subscribe while holding the fanout's lock
            fanout.onTracks(feed.tracks());
            feed.subscribe(fanout);
        }
        return new Membership(feed, fanout, viewer);
    }

    synchronized void leave(Membership m) {
        if (m.fanout().remove(m.viewer()) && byFeed.get(m.feed()) == m.fanout()) {
            byFeed.remove(m.feed());
            m.feed().unsubscribe(m.fanout());
            m.fanout().clear();
        }
    }

    synchronized int fanoutCount() {
        return byFeed.size();
    }

    record Membership(PlaybackFeed feed, RtmpFanout fanout, RtmpFanout.Viewer viewer) {
    }
}
