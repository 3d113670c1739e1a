package io.cascade.cluster;

import io.cascade.http.StreamingReply;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.media.SegmentStore;
import io.cascade.net.PeerText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;

/**
 * Source side of one M4F segment connection: the recent segments first, then every chunk as the
 * stream makes it, each message with its MAC. Chunk bytes are the store's own arrays, wrapped,
 * never copied, and sent as soon as they are made. A peer that
 * falls too far behind is cut off; it reconnects and asks for the segment it needs.
 */
final class SegmentPush implements SegmentListener {
    private static final Logger log = LoggerFactory.getLogger(SegmentPush.class);
    /** Unsent bytes beyond which a peer counts as stuck (several segments of a high bitrate). */
    static final long MAX_PENDING = 64L << 20;
    private static final long PING_MILLIS = 1000;

    private final String streamName;
    private final String peer;
    private final SegmentStore store;
    private final StreamingReply reply;
    private final M4fEncoder encoder;
    private final long from;
    private final Runnable keepAlive;
    private int initSent = -1;
    private volatile boolean closed;
    private ScheduledFuture<?> ping;

    SegmentPush(String streamName, String peer, SegmentStore store, StreamingReply reply, M4fEncoder encoder, long from,
                Runnable keepAlive) {
        this.streamName = streamName;
        this.peer = peer;
        this.store = store;
        this.reply = reply;
        this.encoder = encoder;
        this.from = from;
        this.keepAlive = keepAlive;
    }

    /** Sends the hello and the backlog, then follows the store. */
    void start(M4fMessage hello) {
        send(hello);
        store.subscribe(this, this::sendSnapshot);
        ping = reply.every(PING_MILLIS, () -> {
            send(M4fMessage.ping());
            keepAlive.run();
        });
        reply.onClose(this::stop);
    }

    private void sendSnapshot(SegmentStore.Snapshot snap) {
        // Inits go in the order they were made: older segments' inits first, the current one
        // last, so the peer's current init ends up being ours.
        for (Segment s : snap.closed()) {
            if (s.number() >= from) {
                sendInit(s.init());
                send(M4fMessage.segmentStart(s.number(), s.startDts(), s.init().version(), s.discontinuity()));
                sendChunk(s.number(), s.bytes());
                send(M4fMessage.segmentEnd(s.number(), s.duration()));
            }
        }
        snap.growing().ifPresent(g -> {
            onSegmentStarted(g);
            for (byte[] c : snap.growingChunks()) {
                sendChunk(g.number(), c);
            }
        });
        snap.init().ifPresent(this::sendInit);
    }

    private void stop() {
        closed = true;
        store.removeListener(this);
        if (ping != null) {
            ping.cancel(false);
        }
    }

    @Override
    public void onInit(InitSegment init) {
        sendInit(init);
    }

    @Override
    public void onSegmentStarted(Segment s) {
        sendInit(s.init());
        send(M4fMessage.segmentStart(s.number(), s.startDts(), s.init().version(), s.discontinuity()));
    }

    @Override
    public void onChunk(Segment s, byte[] chunk) {
        sendChunk(s.number(), chunk);
    }

    @Override
    public void onSegmentClosed(Segment s) {
        send(M4fMessage.segmentEnd(s.number(), s.duration()));
    }

    @Override
    public void onSegmentAborted(Segment s) {
        send(M4fMessage.abort(s.number()));
    }

    private void sendInit(InitSegment init) {
        if (init.version() != initSent) {
            initSent = init.version();
            send(M4fMessage.init(init.version(), init.bytes()));
        }
    }

    /**
     * Encoding and writing happen under one lock: the store's thread and the ping timer both
     * send, and each message's MAC counts its place in the stream.
     */
    private synchronized void sendChunk(long number, byte[] chunk) {
        if (admit()) {
            reply.write(encoder.encodeChunk(number, chunk));
        }
    }

    private synchronized void send(M4fMessage m) {
        if (admit()) {
            reply.write(encoder.encode(m));
        }
    }

    private boolean admit() {
        if (closed) {
            return false;
        }
        if (reply.pendingBytes() > MAX_PENDING) {
            closed = true;
            log.warn("M4F {} to {}: peer does not keep up ({} bytes unsent), disconnecting", PeerText.escape(streamName), peer,
                    reply.pendingBytes());
            reply.abort();
            return false;
        }
        return true;
    }
}
