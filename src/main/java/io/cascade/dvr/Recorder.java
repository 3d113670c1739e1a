package io.cascade.dvr;

import java.util.function.LongPredicate;
import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes every segment a stream closes into its archive, on a virtual thread of its own. The
 * store's listener only queues (it runs under the store's lock, on the maker's thread), and the
 * queue holds at most {@link #MAX_PENDING_BYTES}: a slow disk delays recording, never the
 * stream; what does not fit is dropped and counted, with one log line a minute.
 *
 * <p>A write that fails (full disk, unwritable folder) stops recording with one log line and
 * raises {@link #failure()}; each next segment is tried again, and the first that is written
 * clears it with one line saying so.
 */
public final class Recorder implements SegmentListener, AutoCloseable {
    static final long MAX_PENDING_BYTES = 64L << 20;
    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    private final SegmentWriter archive;
    private final LinkedBlockingQueue<Segment> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    /** Queued by {@link #close}: the writer stops when it reaches it, never in the middle of a write. */
    private static final Segment END = new Segment(-1, 0, null, false);
    private final RateLimitedLog dropLog = new RateLimitedLog(log, 60_000);
    private final Thread writer;
    private final Runnable afterWrite;
    private final LongPredicate notRecorded;
    private final long maxPendingBytes;
    private volatile String failure;

    Runnable afterWrite() {
        return afterWrite;
    }

    /** @param afterWrite run on the writer thread after each segment written (a disk-limit check) */
    public Recorder(SegmentWriter archive, Runnable afterWrite) {
        this(archive, afterWrite, MAX_PENDING_BYTES, number -> false);
    }

    /** @param maxPendingBytes how many bytes may wait for the disk */
    public Recorder(SegmentWriter archive, Runnable afterWrite, long maxPendingBytes) {
        this(archive, afterWrite, maxPendingBytes, number -> false);
    }

    /**
     * @param notRecorded segment numbers to leave out of the archive: those the stream made from
     *                    its backup file, which is shown to viewers but is no recording of the stream
     */
    public Recorder(SegmentWriter archive, Runnable afterWrite, long maxPendingBytes, LongPredicate notRecorded) {
        this.maxPendingBytes = maxPendingBytes;
        this.archive = archive;
        this.afterWrite = afterWrite;
        this.notRecorded = notRecorded;
        this.writer = Thread.ofVirtual().name("dvr-" + archive.name()).start(this::run);
    }

    @Override
    public void onSegmentClosed(Segment segment) {
        if (notRecorded.test(segment.number())) {
            return;
        }
        long size = segment.size();
        if (pendingBytes.addAndGet(size) > maxPendingBytes) {
            pendingBytes.addAndGet(-size);
            dropped.incrementAndGet();
            dropLog.warn("DVR " + archive.name() + ": the disk does not keep up, segment " + segment.number()
                    + " is not recorded (" + dropped.get() + " so far)");
            return;
        }
        queue.add(segment);
    }

    /** Why recording stopped, or null while it works. */
    public String failure() {
        return failure;
    }

    /** Segments left unrecorded because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    /** Bytes queued and not yet written. */
    public long pendingBytes() {
        return pendingBytes.get();
    }

    private void run() {
        while (true) {
            Segment s;
            try {
                s = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (s == END) {
                return;
            }
            write(s);
            pendingBytes.addAndGet(-s.size());
        }
    }

    private void write(Segment s) {
        try {
            archive.write(s);
            written.incrementAndGet();
            if (failure != null) {
                failure = null;
                log.info("DVR {}: recording again from segment {}", archive.name(), s.number());
            }
        } catch (IOException | RuntimeException e) {
            if (failure == null) {
                failure = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("DVR {}: recording stopped, segment {} cannot be written under {}: {}; it resumes by"
                        + " itself once the disk takes writes again", archive.name(), s.number(), archive.root(), failure);
            }
        }
        try {
            afterWrite.run();
        } catch (RuntimeException e) {
            log.debug("DVR {}: check after a write failed: {}", archive.name(), e.toString());
        }
    }

    /** Writes what is queued (for at most 5 s), then stops. */
    @Override
    public void close() {
        queue.add(END);
        try {
            if (!writer.join(java.time.Duration.ofSeconds(5))) {
                writer.interrupt();
            }
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
        }
    }
}
