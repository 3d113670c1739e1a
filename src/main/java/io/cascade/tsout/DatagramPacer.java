package io.cascade.tsout;

import io.cascade.media.Timebase;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends transport packets as datagrams of {@value #PACKETS} packets (1316 bytes) at the pace of
 * the stream's own clock: a segment's packets are spread evenly over its duration, so no burst
 * is larger than a datagram and the rate follows the segments' own rates.
 *
 * <p>A segment's send window is placed on the wall clock by an anchor: the segment that starts
 * {@code t} ticks after the anchor's segment starts {@code t} later. The anchor is set again
 * (starting the window now) at the first segment, at a timeline jump, when a segment comes later
 * than its window began (the stream fell behind the clock: it goes on from now rather than burst
 * to catch up) or implausibly early. A sender held up within a segment (the machine paused it)
 * likewise moves the rest of the segment later instead of sending what it owes at once. A partial datagram waits for the next segment's packets.
 */
final class DatagramPacer {
    static final int PACKETS = 7;
    static final int PACKET = 188;
    /** A segment this much later than its window is re-anchored rather than sent faster. */
    static final long LATE_NANOS = 50_000_000;
    /** Held up this long (a pause of the machine), the rest of the segment goes that much later. */
    static final long BEHIND_NANOS = 20_000_000;
    /** A window further ahead than this means the anchor is wrong, not that the segment is early. */
    static final long EARLY_NANOS = 10_000_000_000L;
    private static final long HOUR_TICKS = 3600 * Timebase.HZ;

    /** The time source, injectable so tests run in no time. */
    interface Clock {
        long nanoTime();

        void sleepUntil(long nanos) throws InterruptedException;
    }

    interface Sink {
        void send(ByteBuffer datagram) throws IOException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long nanos) throws InterruptedException {
            long wait = nanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    };

    private final Clock clock;
    private final Sink sink;
    private final byte[] datagram = new byte[PACKETS * PACKET];
    private int filled;
    private boolean anchored;
    private long anchorTick;
    private long anchorNanos;
    private long reanchors;

    DatagramPacer(Clock clock, Sink sink) {
        this.clock = clock;
        this.sink = sink;
    }

    /**
     * Sends one segment's packets over its window, returning when the last full datagram is out.
     *
     * @param startTick where the segment starts on the stream's timeline (90 kHz)
     * @param duration  its duration (90 kHz)
     * @param jump      whether the timeline jumps before this segment
     */
    void send(byte[] ts, long startTick, long duration, boolean jump) throws IOException, InterruptedException {
        long now = clock.nanoTime();
        long sinceAnchor = startTick - anchorTick;
        boolean plausible = anchored && Math.abs(sinceAnchor) < HOUR_TICKS;
        long start = plausible ? anchorNanos + toNanos(sinceAnchor) : now;
        if (!plausible || jump || start < now - LATE_NANOS || start > now + EARLY_NANOS) {
            anchored = true;
            anchorTick = startTick;
            anchorNanos = now;
            start = now;
            reanchors++;
        }
        long span = toNanos(Math.max(1, duration));
        int n = ts.length / PACKET;
        for (int i = 0; i < n; i++) {
            System.arraycopy(ts, i * PACKET, datagram, filled * PACKET, PACKET);
            if (++filled == PACKETS) {
                long due = start + i * span / n;
                long behind = clock.nanoTime() - due;
                if (behind > BEHIND_NANOS) { // this thread was held up: go on later rather than burst
                    start += behind;
                    due += behind;
                    anchorNanos += behind;
                }
                clock.sleepUntil(due);
                sink.send(ByteBuffer.wrap(datagram));
                filled = 0;
            }
        }
    }

    /** How often the window was placed anew (the first segment counts). */
    long reanchors() {
        return reanchors;
    }

    private static long toNanos(long ticks) {
        return ticks * 1_000_000_000L / Timebase.HZ;
    }
}
