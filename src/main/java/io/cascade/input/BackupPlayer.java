package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * A stream's {@code backup FILE}: when no input has fed the stream for the backup timeout, the
 * file plays (looped and paced as live by its {@link FileInput}) on its own thread, so viewers
 * keep getting segments; the stream's timeline goes on through the switch, marked as a
 * discontinuity. It plays until an input run takes the stream back at a keyframe.
 */
final class BackupPlayer {
    private static final Logger log = LoggerFactory.getLogger(BackupPlayer.class);
    /** A backup file that cannot play is tried again after this long. */
    private static final long RETRY_MS = 5_000;

    private final InputSupervisor supervisor;
    private final Input file;
    private final Duration timeout;
    /** Guarded by the supervisor's feed lock, written under it. */
    private volatile boolean playing;
    private Thread thread;
    private String lastFailure;
    /** Before this (nanoTime), a file that failed is not tried again. */
    private volatile long retryAfterNanos = Long.MIN_VALUE;

    BackupPlayer(InputSupervisor supervisor, Input file, Duration timeout) {
        this.supervisor = supervisor;
        this.file = file;
        this.timeout = timeout;
    }

    Input file() {
        return file;
    }

    boolean playing() {
        return playing;
    }

    /** Starts the backup when the stream has been without frames for the timeout. */
    void check(long nowNanos) {
        if (playing || !FailoverRules.backupDue(supervisor.lastLiveNanos, timeout, nowNanos)
                || (retryAfterNanos != Long.MIN_VALUE && nowNanos - retryAfterNanos < 0)) {
            return;
        }
        if (!supervisor.feed.tryLock()) {
            return; // something feeds the stream right now: not down
        }
        try {
            if (playing || !FailoverRules.backupDue(supervisor.lastLiveNanos, timeout, supervisor.nanoClock.getAsLong())) {
                return;
            }
            Run r = supervisor.currentRun();
            if (r != null) {
                r.yieldToBackup();
            }
            playing = true;
            if (lastFailure == null) {
                log.warn("stream {}: no input has sent frames for {} s; playing the backup {}",
                        supervisor.streamName(), timeout.toMillis() / 1000.0, file.url());
            }
            thread = Thread.ofVirtual().name("backup-" + supervisor.streamName()).start(this::play);
        } finally {
            supervisor.feed.unlock();
        }
    }

    /** An input takes the stream back: the backup's part ends. Feed lock held. */
    void release() {
        if (!playing) {
            return;
        }
        playing = false;
        supervisor.switched(null);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The stream stops. */
    void stop() {
        supervisor.feed.lock();
        try {
            release();
        } finally {
            supervisor.feed.unlock();
        }
    }

    private void play() {
        Feed feed = new Feed();
        try {
            file.run(feed);
        } catch (InterruptedException | Released e) {
            return;
        } catch (Throwable e) {
            String reason = e instanceof InputFormatException && e.getMessage() != null ? e.getMessage() : e.toString();
            if (!reason.equals(lastFailure)) {
                log.warn("stream {}: the backup {} cannot play: {}", supervisor.streamName(), file.url(), reason);
                lastFailure = reason;
            }
        }
        giveUp(feed);
    }

    /**
     * The file could not play (missing, broken): the stream is left to its inputs, so one that
     * comes back owns it at once, and the file is tried again after {@link #RETRY_MS}.
     */
    private void giveUp(Feed feed) {
        supervisor.feed.lock();
        try {
            if (!playing) {
                return;
            }
            playing = false;
            retryAfterNanos = supervisor.nanoClock.getAsLong() + RETRY_MS * 1_000_000;
            if (feed.started) {
                supervisor.switched(null);
            }
        } finally {
            supervisor.feed.unlock();
        }
    }

    /** Thrown into the file's run once an input has the stream back. */
    private static final class Released extends RuntimeException {
        Released() {
            super("the backup was released", null, false, false);
        }
    }

    /** The backup's frames, into the stream while it plays. */
    private final class Feed implements MediaSink {
        private boolean started;

        private void own() {
            if (!playing) {
                throw new Released();
            }
            if (!started) {
                started = true;
                lastFailure = null;
                supervisor.switched(file);
            }
        }

        @Override
        public void onTracks(List<Track> tracks) {
            supervisor.feed.lock();
            try {
                own();
                supervisor.sink.onTracks(tracks);
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public void onFrame(Frame frame) {
            supervisor.feed.lock();
            try {
                own();
                supervisor.sink.onFrame(frame);
            } finally {
                supervisor.feed.unlock();
            }
        }

        @Override
        public SegmentSink segments() {
            throw new UnsupportedOperationException("a backup file delivers frames, not segments");
        }
    }
}
