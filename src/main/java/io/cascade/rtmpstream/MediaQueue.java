package io.cascade.rtmpstream;

import io.cascade.input.MediaSink;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.rtmp.FlvDemuxer;
import io.cascade.rtmp.FrameDurations;
import io.cascade.rtmp.PublishSession;
import io.cascade.rtmp.SpsTracks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Hands one RTMP connection's media (a publisher or a pull) from the network thread, which must
 * never block, to an input's own thread, which delivers it to the stream's {@link MediaSink}.
 *
 * <p>Memory stays bounded: while no input reads, only the frames since the last keyframe are
 * kept (what a reader needs to start cleanly); when a reader falls behind by more than
 * {@link #MAX_FRAMES} frames or {@link #MAX_BYTES} bytes the queued frames are dropped and
 * delivery resumes at the next keyframe.
 */
public final class MediaQueue implements PublishSession {
    static final int MAX_FRAMES = 10_000;
    static final long MAX_BYTES = 32L << 20;
    private static final Logger log = LoggerFactory.getLogger(MediaQueue.class);

    private sealed interface Event permits TracksEvent, FrameEvent, EndEvent {
    }

    private record TracksEvent(List<Track> tracks) implements Event {
    }

    private record FrameEvent(Frame frame) implements Event {
    }

    private record EndEvent() implements Event {
    }

    private final String what;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int queuedFrames;
    private boolean hasVideo;
    private boolean waitForSyncPoint;
    private boolean attached;
    private boolean closed;
    private boolean abandoned;
    private long lastMediaNanos = System.nanoTime();

    /** @param what names the connection in log lines */
    public MediaQueue(String what) {
        this.what = what;
    }

    @Override
    public synchronized void onTracks(List<Track> tracks) {
        List<Track> completed = SpsTracks.complete(tracks);
        hasVideo = completed.stream().anyMatch(Track::isVideo);
        queue.add(new TracksEvent(completed));
        notifyAll();
    }

    @Override
    public synchronized void onFrame(Frame frame) {
        if (abandoned) {
            // thrown on the connection's thread, this closes the connection
            throw new IllegalStateException(what + " was replaced or its stream is gone");
        }
        if (closed) {
            return;
        }
        lastMediaNanos = System.nanoTime();
        boolean syncPoint = frame.keyframe() && (frame.trackId() == FlvDemuxer.VIDEO_TRACK || !hasVideo);
        if (waitForSyncPoint) {
            if (!syncPoint) {
                return;
            }
            waitForSyncPoint = false;
        }
        if (syncPoint && !attached) {
            dropFrames();
        } else if (queuedFrames >= MAX_FRAMES || queuedBytes + frame.size() > MAX_BYTES) {
            log.warn("{}: the stream cannot keep up, dropping {} frames up to the next keyframe", what, queuedFrames);
            dropFrames();
            if (!syncPoint) {
                waitForSyncPoint = true;
                return;
            }
        }
        queue.add(new FrameEvent(frame));
        queuedFrames++;
        queuedBytes += frame.size();
        notifyAll();
    }

    @Override
    public synchronized void onClose() {
        if (!closed) {
            closed = true;
            queue.add(new EndEvent());
            notifyAll();
        }
    }

    /**
     * Gives up on this connection (it fell silent, or its stream was removed): the reader gets its
     * end now, and the connection is closed when it next sends a frame.
     */
    public synchronized void abandon() {
        abandoned = true;
        onClose();
    }

    /** Nanoseconds since the last frame (or since the connection came, before the first). */
    public synchronized long silentNanos() {
        return System.nanoTime() - lastMediaNanos;
    }

    /** A reader is about to call {@link #deliverTo}: from now on frames are kept for it. */
    public synchronized void attach() {
        attached = true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Delivers the media to {@code sink} on the calling thread until the connection closes, with
     * tracks completed from the SPS and frame durations filled in.
     *
     * @throws InterruptedException when the calling thread is interrupted (the stream stops); the
     *                              queue stays usable for a later reader
     */
    public void deliverTo(MediaSink sink) throws InterruptedException {
        FrameDurations durations = new FrameDurations();
        attach();
        try {
            while (true) {
                Event e = take();
                switch (e) {
                    case TracksEvent t -> {
                        durations.drain().forEach(sink::onFrame);
                        sink.onTracks(t.tracks());
                    }
                    case FrameEvent f -> {
                        Frame done = durations.push(f.frame());
                        if (done != null) {
                            sink.onFrame(done);
                        }
                    }
                    case EndEvent end -> {
                        durations.drain().forEach(sink::onFrame);
                        return;
                    }
                }
            }
        } finally {
            synchronized (this) {
                attached = false;
            }
        }
    }

    private synchronized Event take() throws InterruptedException {
        while (queue.isEmpty()) {
            wait();
        }
        Event e = queue.poll();
        if (e instanceof FrameEvent f) {
            queuedFrames--;
            queuedBytes -= f.frame().size();
        }
        return e;
    }

    private void dropFrames() {
        queue.removeIf(e -> e instanceof FrameEvent);
        queuedFrames = 0;
        queuedBytes = 0;
    }
}
