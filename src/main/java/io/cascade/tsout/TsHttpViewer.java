package io.cascade.tsout;

import io.cascade.hls.TsSegments;
import io.cascade.media.DerivedForm;
import io.cascade.media.Segment;
import io.cascade.mpegts.ContinuousTsWriter;
import io.cascade.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One HTTP MPEG-TS viewer: the segments of its source, joined into one transport stream, written
 * to its endless response. It asks for the next segment only once what it was sent has mostly left
 * (less than {@link #ROOM} bytes unsent), so what waits for it is at most about one segment, and
 * those bytes are the shared TS form itself; a live source moves a viewer that lags to the newest
 * segment. A viewer whose unsent bytes do not fall below that for {@link #STALL_MILLIS} cannot
 * keep up at all and is disconnected.
 */
final class TsHttpViewer {
    static final long ROOM = 256 << 10;
    static final long STALL_MILLIS = 20_000;
    private static final long POLL_MILLIS = 20;
    private static final long KEEP_ALIVE_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(TsHttpViewer.class);
    private static final RateLimitedLog BEHIND = new RateLimitedLog(log, 10_000);
    /**
     * A segment's TS form copied once off the heap: the network takes views of it with no copy per
     * viewer (a heap array would be copied into direct memory on every write). Freed with the segment.
     */
    static final DerivedForm<ByteBuffer> DIRECT_TS = DerivedForm.named("ts-direct");

    private final String what;
    private final ViewerConnection reply;
    private final SegmentSource source;
    private final Runnable keepAlive;
    private final Executor work;
    private final long stallNanos;
    private final LongSupplier nanoClock;
    private final ContinuousTsWriter writer = new ContinuousTsWriter();
    private volatile boolean closed;
    private long skippedLogged;
    private ScheduledFuture<?> keepAliveTimer;

    /**
     * @param what      names the viewer and stream in log lines
     * @param keepAlive told every second while the viewer is connected (an on-demand stream's client count)
     * @param work      where segments are turned into TS, never the event loop
     */
    TsHttpViewer(String what, ViewerConnection reply, SegmentSource source, Runnable keepAlive, Executor work) {
        this(what, reply, source, keepAlive, work, TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS), System::nanoTime);
    }

    /** @param stallNanos how long unsent bytes may stay above {@link #ROOM} before the viewer is cut */
    TsHttpViewer(String what, ViewerConnection reply, SegmentSource source, Runnable keepAlive, Executor work,
                 long stallNanos, LongSupplier nanoClock) {
        this.stallNanos = stallNanos;
        this.nanoClock = nanoClock;
        this.what = what;
        this.reply = reply;
        this.source = source;
        this.keepAlive = keepAlive;
        this.work = work;
    }

    void start() {
        reply.onClose(this::close);
        keepAliveTimer = reply.every(KEEP_ALIVE_MILLIS, () -> {
            try {
                keepAlive.run();
            } catch (RuntimeException e) { // a periodic task that throws is not run again
                log.warn("{}: telling the stream of its viewer failed: {}", what, e.toString());
            }
        });
        pull();
    }

    /** Ends the viewer's response (also how a session that was cut is ended). */
    void close() {
        if (stop()) {
            reply.abort();
        }
    }

    /** Lets go of the source and the timers; false when that was done already. */
    private boolean stop() {
        if (closed) {
            return false;
        }
        closed = true;
        source.close();
        if (keepAliveTimer != null) {
            keepAliveTimer.cancel(false);
        }
        return true;
    }

    private void pull() {
        if (closed) {
            return;
        }
        source.next().thenAcceptAsync(this::send, work).exceptionally(this::failed);
    }

    private Void failed(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof NoSuchElementException) { // the end of a range: the response ends normally
            if (stop()) {
                reply.end();
            }
            return null;
        }
        if (!(cause instanceof CancellationException)) {
            log.warn("{}: stopped: {}", what, cause.toString());
        }
        close();
        return null;
    }

    private void send(Segment segment) {
        if (closed) {
            return;
        }
        long skipped = source.skipped();
        if (skipped > skippedLogged) {
            BEHIND.info(what + ": the viewer fell behind, skipped " + (skipped - skippedLogged)
                    + " segments to segment " + segment.number());
            skippedLogged = skipped;
        }
        byte[] ts;
        ByteBuffer direct;
        try {
            ts = TsSegments.of(segment);
            direct = segment.derived(DIRECT_TS, s -> ByteBuffer.allocateDirect(ts.length).put(ts).flip().asReadOnlyBuffer());
        } catch (RuntimeException e) {
            BEHIND.warn(what + ": segment " + segment.number() + " has no TS form, passed over: " + e);
            pull();
            return;
        }
        for (ByteBuffer piece : writer.next(ts, segment.number(), segment.discontinuity())) {
            // the writer's slices of the shared form go out as views of its off-heap copy
            reply.write(piece.array() == ts ? direct.slice(piece.position(), piece.remaining()) : piece);
        }
        awaitRoom();
    }

    private void awaitRoom() {
        if (reply.pendingBytes() < ROOM) {
            pull();
        } else {
            new RoomWait().start();
        }
    }

    /**
     * Checks every {@link #POLL_MILLIS} whether the viewer has room again. The first check may run
     * before {@link #start} has its timer (a busy machine can pause the starting thread that long),
     * hence the flag; and nothing a check does may throw, since a periodic task that throws is
     * never run again, which would leave the viewer waiting for ever.
     */
    private final class RoomWait implements Runnable {
        private final long since = nanoClock.getAsLong();
        private volatile ScheduledFuture<?> timer;
        private volatile boolean done;

        void start() {
            timer = reply.every(POLL_MILLIS, this);
            if (done) {
                timer.cancel(false);
            }
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            try {
                if (closed) {
                    finish();
                } else if (reply.pendingBytes() < ROOM) {
                    finish();
                    pull();
                } else if (nanoClock.getAsLong() - since > stallNanos) {
                    finish();
                    log.warn("{}: the viewer does not keep up ({} bytes unsent for {} s), disconnecting", what,
                            reply.pendingBytes(), TimeUnit.NANOSECONDS.toSeconds(stallNanos));
                    close();
                }
            } catch (RuntimeException e) {
                finish();
                log.warn("{}: stopped: {}", what, e.toString());
                close();
            }
        }

        private void finish() {
            done = true;
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
