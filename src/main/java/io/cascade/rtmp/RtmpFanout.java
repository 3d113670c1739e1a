package io.cascade.rtmp;

import io.cascade.amf.Amf0Writer;
import io.cascade.media.Frame;
import io.cascade.media.MediaKind;
import io.cascade.media.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encodes one feed's frames into RTMP chunk bytes once and writes the same bytes to every viewer.
 *
 * <p>Shared bytes force shared headers: every viewer gets message stream id
 * {@value #MEDIA_STREAM_ID}, chunk size {@value #CHUNK_SIZE} and timestamps counted from the
 * feed's first frame. The frames since the last keyframe are kept (bounded) so a new viewer
 * starts at once on a keyframe, after onMetaData and the sequence headers. A viewer whose
 * connection is not writable skips frames up to the next keyframe; one that keeps skipping
 * longer than {@link RtmpLimits#viewerMaxLag()} is disconnected.
 *
 * <p>The frames of one {@link #onFrames} call reach each viewer as one task on its event loop
 * ending in one flush: a write per frame from the feed's thread cost a task and a send call per
 * frame per viewer, which is what limited the viewers per core.
 */
public final class RtmpFanout implements PlaybackSubscriber {
    public static final int CHUNK_SIZE = 4096;
    public static final int MEDIA_STREAM_ID = 1;
    static final int AUDIO_CSID = 4;
    static final int DATA_CSID = 5;
    static final int VIDEO_CSID = 6;
    /** The frames since the last keyframe kept for new viewers; a longer GOP is not cached. */
    private static final int GOP_CACHE_BYTES = 8 << 20;
    private static final Logger log = LoggerFactory.getLogger(RtmpFanout.class);

    private final RtmpLimits limits;
    private final List<Viewer> viewers = new ArrayList<>();
    private final List<ByteBuf> gop = new ArrayList<>();
    private List<Track> tracks = List.of();
    private long gopBytes;
    private long gopStartTimestamp;
    private long originTicks;
    private boolean originSet;

    public RtmpFanout(RtmpLimits limits) {
        this.limits = limits;
    }

    /** One viewer's connection and where it is in the feed. */
    public final class Viewer {
        private final Channel channel;
        private boolean started;
        private boolean skipping;
        private long skippingSince;
        /** What this viewer gets of the frames being delivered, sent together by {@link #send()}. */
        private List<ByteBuf> batch = new ArrayList<>();

        private Viewer(Channel channel) {
            this.channel = channel;
        }

        public Channel channel() {
            return channel;
        }

        private void offer(ByteBuf bytes, boolean syncPoint, long timestamp) {
            if (!started) {
                if (syncPoint) {
                    started = true;
                    batch.add(headerBytes(timestamp));
                    batch.add(bytes.retainedDuplicate());
                }
                return;
            }
            if (!skipping && !channel.isWritable()) {
                skipping = true;
                skippingSince = System.nanoTime();
                log.debug("RTMP viewer {} cannot keep up, skipping to the next keyframe", channel.remoteAddress());
            }
            if (skipping) {
                if (!syncPoint || !channel.isWritable()) {
                    dropIfLaggingTooLong();
                    return;
                }
                skipping = false;
            }
            batch.add(bytes.retainedDuplicate());
        }

        private void send() {
            if (batch.isEmpty()) {
                return;
            }
            List<ByteBuf> out = batch;
            batch = new ArrayList<>(out.size());
            if (channel.eventLoop().inEventLoop()) {
                writeAll(out);
            } else {
                channel.eventLoop().execute(() -> writeAll(out));
            }
        }

        private void writeAll(List<ByteBuf> out) {
            for (ByteBuf b : out) {
                channel.write(b);
            }
            channel.flush();
        }

        private void dropIfLaggingTooLong() {
            long lagNanos = System.nanoTime() - skippingSince;
            if (lagNanos > limits.viewerMaxLag().toNanos() && channel.isActive()) {
                log.warn("RTMP viewer {} stayed behind for {} ms, disconnecting", channel.remoteAddress(),
                        lagNanos / 1_000_000);
                channel.close();
            }
        }
    }

    /** Adds a viewer; it starts on the cached keyframe if there is one, else on the next. */
    public synchronized Viewer add(Channel channel) {
        Viewer v = new Viewer(channel);
        viewers.add(v);
        if (!gop.isEmpty() && !tracks.isEmpty()) {
            v.started = true;
            channel.write(headerBytes(gopStartTimestamp));
            gop.forEach(b -> channel.write(b.retainedDuplicate()));
            channel.flush();
        }
        return v;
    }

    /** Removes a viewer; true when none are left. */
    public synchronized boolean remove(Viewer viewer) {
        viewers.remove(viewer);
        return viewers.isEmpty();
    }

    public synchronized int viewerCount() {
        return viewers.size();
    }

    @Override
    public synchronized void onTracks(List<Track> newTracks) {
        if (newTracks.equals(tracks)) {
            return;
        }
        boolean hadTracks = !tracks.isEmpty();
        tracks = List.copyOf(newTracks);
        clearGop();
        if (hadTracks) {
            // running viewers need the new sequence headers, so they restart on the next keyframe
            viewers.forEach(v -> v.started = false);
        }
    }

    @Override
    public void onFrame(Frame frame) {
        onFrames(List.of(frame));
    }

    @Override
    public synchronized void onFrames(List<Frame> frames) {
        for (Frame frame : frames) {
            offer(frame);
        }
        for (Viewer v : viewers) {
            v.send();
        }
    }

    private void offer(Frame frame) {
        Optional<Track> track = tracks.stream().filter(t -> t.id() == frame.trackId()).findFirst();
        if (track.isEmpty()) {
            return;
        }
        if (!originSet) {
            originSet = true;
            originTicks = frame.dts();
        }
        long timestamp = RtmpClock.toWire(Math.max(frame.dts(), originTicks), originTicks);
        boolean syncPoint = frame.keyframe() && (track.get().isVideo() || !hasVideo());
        ByteBuf bytes = encodeFrame(track.get(), frame, timestamp);
        try {
            cache(bytes, syncPoint, timestamp);
            for (Viewer v : viewers) {
                v.offer(bytes, syncPoint, timestamp);
            }
        } finally {
            bytes.release();
        }
    }

    /** Releases the cached bytes once the fanout is no longer used. */
    public synchronized void clear() {
        clearGop();
        viewers.clear();
    }

    private boolean hasVideo() {
        return tracks.stream().anyMatch(Track::isVideo);
    }

    private void cache(ByteBuf bytes, boolean syncPoint, long timestamp) {
        if (syncPoint) {
            clearGop();
            gopStartTimestamp = timestamp;
        } else if (gop.isEmpty()) {
            return;
        }
        gopBytes += bytes.readableBytes();
        if (gopBytes > GOP_CACHE_BYTES) {
            clearGop();
            return;
        }
        gop.add(bytes.retainedDuplicate());
    }

    private void clearGop() {
        gop.forEach(ByteBuf::release);
        gop.clear();
        gopBytes = 0;
    }

    private static ByteBuf encodeFrame(Track track, Frame frame, long timestamp) {
        boolean video = track.kind() == MediaKind.VIDEO;
        ByteBuf tag = video ? FlvMuxer.videoFrame(track, frame) : FlvMuxer.audioFrame(frame);
        return encode(video ? VIDEO_CSID : AUDIO_CSID, video ? RtmpMessageType.VIDEO : RtmpMessageType.AUDIO,
                timestamp, tag);
    }

    /** onMetaData and the sequence headers, stamped with the time the viewer starts at. */
    private ByteBuf headerBytes(long timestamp) {
        CompositeByteBuf out = Unpooled.compositeBuffer();
        ByteBuf meta = Unpooled.buffer();
        new Amf0Writer(meta).write("onMetaData").writeEcmaArray(FlvMuxer.metaData(tracks));
        out.addComponent(true, encode(DATA_CSID, RtmpMessageType.DATA_AMF0, timestamp, meta));
        for (Track t : tracks) {
            if (t.isVideo()) {
                out.addComponent(true, encode(VIDEO_CSID, RtmpMessageType.VIDEO, timestamp, FlvMuxer.videoSequenceHeader(t)));
            } else {
                out.addComponent(true, encode(AUDIO_CSID, RtmpMessageType.AUDIO, timestamp, FlvMuxer.audioSequenceHeader(t)));
            }
        }
        return out;
    }

    private static ByteBuf encode(int csid, int type, long timestamp, ByteBuf body) {
        RtmpMessage m = new RtmpMessage(csid, type, MEDIA_STREAM_ID, timestamp, body);
        try {
            return RtmpChunkEncoder.encodeOnce(ByteBufAllocator.DEFAULT, m, CHUNK_SIZE);
        } finally {
            m.release();
        }
    }
}
