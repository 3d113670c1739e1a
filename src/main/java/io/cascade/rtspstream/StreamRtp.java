package io.cascade.rtspstream;

import io.cascade.cmaf.CmafReader;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.media.SegmentStore;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4FormatException;
import io.cascade.rtsp.RtpSink;
import io.cascade.stream.LiveStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stream's RTP for RTSP viewers, read back from its segments (so a restreamer, which has only
 * the segments it copied, sends exactly what the origin sends): each chunk is parsed once and
 * packetized once by the stream's {@link RtpFanout}. The stream is listened to only while someone
 * plays; the first viewer gets the growing segment so far, which starts on a keyframe.
 *
 * <p>Lock order: this object, then the segment store, then the fanout (the store calls the
 * fanout under its lock), never the other way round.
 */
final class StreamRtp implements SegmentListener {
    private static final Logger log = LoggerFactory.getLogger(StreamRtp.class);

    private final LiveStream stream;
    private final RtpFanout fanout;
    private final Set<String> viewerIps = ConcurrentHashMap.newKeySet();
    /** The segment whose chunks were seen one by one; a segment closed without chunks came whole. */
    private volatile long chunkedSegment = -1;
    private boolean subscribed;

    StreamRtp(LiveStream stream, Duration maxLag) {
        this.stream = stream;
        this.fanout = new RtpFanout(stream.name(), maxLag);
    }

    LiveStream stream() {
        return stream;
    }

    /** A viewer of the given track indexes, held until started; null when the stream's tracks changed since {@code described}. */
    synchronized RtpFanout.Viewer join(RtpSink sink, Set<Integer> tracks, List<Track> described, String clientIp) {
        RtpFanout.Viewer[] self = new RtpFanout.Viewer[1];
        RtpFanout.Viewer v = fanout.add(sink, tracks, described, () -> leave(self[0]));
        if (v == null) {
            return null;
        }
        self[0] = v;
        viewerIps.add(clientIp);
        stream.request(clientIp);
        if (!subscribed) {
            subscribed = true;
            stream.store().subscribe(this, this::replay);
        }
        return v;
    }

    private synchronized void leave(RtpFanout.Viewer v) {
        if (fanout.remove(v) && subscribed) {
            subscribed = false;
            stream.store().removeListener(this);
            fanout.clear();
            viewerIps.clear();
        }
    }

    /** The stream is gone: its viewers are disconnected (they would wait for media forever). */
    void end() {
        fanout.closeAll("stream " + stream.name() + " was removed");
    }

    /** Tells an on-demand stream its RTSP viewers are still there. */
    void keepAlive() {
        if (fanout.viewerCount() > 0) {
            viewerIps.forEach(stream::request);
        }
    }

    private void replay(SegmentStore.Snapshot snapshot) {
        snapshot.init().ifPresent(init -> fanout.onTracks(init.tracks()));
        snapshot.growing().ifPresent(segment -> {
            chunkedSegment = segment.number();
            fanout.backlog(true);
            try {
                for (byte[] chunk : snapshot.growingChunks()) {
                    fanout.onFrames(parse(segment, chunk));
                }
            } finally {
                fanout.backlog(false);
            }
        });
    }

    @Override
    public void onInit(InitSegment init) {
        fanout.onTracks(init.tracks());
    }

    @Override
    public void onChunk(Segment segment, byte[] chunk) {
        chunkedSegment = segment.number();
        fanout.onFrames(parse(segment, chunk));
    }

    @Override
    public void onSegmentClosed(Segment segment) {
        if (segment.number() != chunkedSegment) {
            fanout.onTracks(segment.init().tracks());
            fanout.onFrames(parse(segment, segment.bytes()));
        }
    }

    private List<Frame> parse(Segment segment, byte[] bytes) {
        try {
            return CmafReader.readFragments(bytes, segment.init().tracks());
        } catch (Mp4FormatException | RuntimeException e) {
            log.warn("stream {}: segment {} unreadable for RTSP viewers: {}", stream.name(), segment.number(), e.toString());
            return List.of();
        }
    }
}
