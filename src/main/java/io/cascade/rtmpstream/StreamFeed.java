package io.cascade.rtmpstream;

import io.cascade.cmaf.CmafReader;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.media.SegmentStore;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4FormatException;
import io.cascade.rtmp.PlaybackFeed;
import io.cascade.rtmp.PlaybackSubscriber;
import io.cascade.stream.LiveStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stream's frames for RTMP viewers, read back from its segments: whatever made them (an input
 * of this server, a cluster peer's copied segments), viewers get the same media as HLS and DASH.
 * Each chunk is parsed once here, however many viewers there are. The stream is listened to only
 * while someone subscribes; the first subscriber gets the growing segment so far, which starts on
 * a keyframe, so playback starts at once.
 */
final class StreamFeed implements PlaybackFeed, SegmentListener {
    private static final Logger log = LoggerFactory.getLogger(StreamFeed.class);

    private final LiveStream stream;
    private final List<PlaybackSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Set<String> viewers = ConcurrentHashMap.newKeySet();
    /** The segment whose chunks were seen one by one; a segment closed without chunks came whole. */
    private long chunkedSegment = -1;

    StreamFeed(LiveStream stream) {
        this.stream = stream;
    }

    LiveStream stream() {
        return stream;
    }

    /** A viewer at {@code clientIp} is about to subscribe: it counts as a client of the stream. */
    void viewerArrives(String clientIp) {
        viewers.add(clientIp);
        stream.request(clientIp);
    }

    /** Tells the stream its RTMP viewers are still there, so an on-demand stream keeps running. */
    void keepAlive() {
        if (!subscribers.isEmpty()) {
            viewers.forEach(stream::request);
        }
    }

    @Override
    public List<Track> tracks() {
        return stream.store().init().map(InitSegment::tracks).orElse(List.of());
    }

    @Override
    public synchronized void subscribe(PlaybackSubscriber subscriber) {
        boolean first = subscribers.isEmpty();
        subscribers.add(subscriber);
        if (first) {
            stream.store().subscribe(this, snapshot -> replay(snapshot, subscriber));
        }
    }

    @Override
    public synchronized void unsubscribe(PlaybackSubscriber subscriber) {
        subscribers.remove(subscriber);
        if (subscribers.isEmpty()) {
            stream.store().removeListener(this);
            viewers.clear();
        }
    }

    private void replay(SegmentStore.Snapshot snapshot, PlaybackSubscriber subscriber) {
        snapshot.init().ifPresent(init -> subscriber.onTracks(init.tracks()));
        snapshot.growing().ifPresent(segment -> {
            chunkedSegment = segment.number();
            for (byte[] chunk : snapshot.growingChunks()) {
                subscriber.onFrames(parse(segment, chunk));
            }
        });
    }

    @Override
    public void onInit(InitSegment init) {
        subscribers.forEach(s -> s.onTracks(init.tracks()));
    }

    @Override
    public void onChunk(Segment segment, byte[] chunk) {
        chunkedSegment = segment.number();
        deliver(parse(segment, chunk));
    }

    @Override
    public void onSegmentClosed(Segment segment) {
        if (segment.number() != chunkedSegment) {
            deliver(parse(segment, segment.bytes()));
        }
    }

    private void deliver(List<Frame> frames) {
        for (PlaybackSubscriber s : subscribers) {
            s.onFrames(frames);
        }
    }

    private List<Frame> parse(Segment segment, byte[] bytes) {
        try {
            return CmafReader.readFragments(bytes, segment.init().tracks());
        } catch (Mp4FormatException | RuntimeException e) {
            log.warn("stream {}: segment {} unreadable for RTMP viewers: {}", stream.name(), segment.number(), e.toString());
            return List.of();
        }
    }
}
