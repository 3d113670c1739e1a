package io.cascade.mpegts;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins the TS forms of a stream's segments into one endless transport stream for one receiver
 * (an HTTP MPEG-TS viewer, a UDP push), as the segments come, whichever they are.
 *
 * <p>Consecutive segments are continuous already (DECISIONS "MPEG-TS continuity across
 * segments"), and an elementary stream PID always ends a segment on 15 and starts the next on 0,
 * so a receiver that skips segments, or a stream whose numbers jump, only breaks the PAT and PMT
 * counters. Every packet whose counter does not continue what this receiver got last is
 * rewritten so that it does; that is one copied packet per table per segment, the rest of the
 * segment is passed on as slices of the shared TS form. Where the timeline jumps (a segment
 * flagged discontinuous, or not the successor of the last one) the first PCR of the segment gets
 * the discontinuity_indicator (ISO/IEC 13818-1 2.4.3.5): a new time base starts there.
 *
 * <p>Not thread-safe: one writer per receiver, fed in order.
 */
public final class ContinuousTsWriter {
    private static final int PIDS = 8192;
    private final int[] lastCounter = new int[PIDS];
    private long lastNumber = Long.MIN_VALUE;

    public ContinuousTsWriter() {
        Arrays.fill(lastCounter, -1);
    }

    /**
     * The pieces to send for one segment's TS form, in order: slices of {@code ts} itself where it
     * can be sent as it is, copies of the packets this receiver needs changed.
     *
     * @param ts            the segment's TS form: whole 188-byte packets
     * @param number        the segment's number in its stream
     * @param discontinuity whether the stream flagged the segment as discontinuous
     */
    public List<ByteBuffer> next(byte[] ts, long number, boolean discontinuity) {
        if (ts.length % TsPacket.SIZE != 0) {
            throw new IllegalArgumentException("a TS form of " + ts.length + " bytes is not whole packets");
        }
        boolean timeJumps = discontinuity || (lastNumber != Long.MIN_VALUE && number != lastNumber + 1);
        lastNumber = number;
        int[] shift = new int[PIDS];
        boolean[] seen = new boolean[PIDS];
        boolean pcrMarked = !timeJumps;
        List<ByteBuffer> out = new ArrayList<>();
        int runStart = 0;
        for (int off = 0; off < ts.length; off += TsPacket.SIZE) {
            if (ts[off] != TsPacket.SYNC) {
                throw new IllegalArgumentException("no sync byte at " + off);
            }
            int pid = pid(ts, off);
            int counter = ts[off + 3] & 15;
            boolean payload = (ts[off + 3] & 0x10) != 0;
            if (!seen[pid]) {
                seen[pid] = true;
                int last = lastCounter[pid];
                int expected = last < 0 ? counter : payload ? (last + 1) & 15 : last;
                shift[pid] = (expected - counter) & 15;
            }
            int written = (counter + shift[pid]) & 15;
            lastCounter[pid] = written;
            boolean markPcr = !pcrMarked && hasPcr(ts, off);
            pcrMarked |= markPcr;
            if (written != counter || markPcr) {
                if (off > runStart) {
                    out.add(ByteBuffer.wrap(ts, runStart, off - runStart));
                }
                byte[] packet = Arrays.copyOfRange(ts, off, off + TsPacket.SIZE);
                packet[3] = (byte) ((packet[3] & 0xf0) | written);
                if (markPcr) {
                    packet[5] |= (byte) 0x80;
                }
                out.add(ByteBuffer.wrap(packet));
                runStart = off + TsPacket.SIZE;
            }
        }
        if (ts.length > runStart) {
            out.add(ByteBuffer.wrap(ts, runStart, ts.length - runStart));
        }
        return out;
    }

    /** The pieces of {@link #next} as one array (for a receiver that rewrites the bytes further). */
    public static byte[] joined(List<ByteBuffer> pieces) {
        int size = pieces.stream().mapToInt(ByteBuffer::remaining).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (ByteBuffer piece : pieces) {
            int n = piece.remaining();
            piece.duplicate().get(all, at, n);
            at += n;
        }
        return all;
    }

    static int pid(byte[] ts, int off) {
        return ((ts[off + 1] & 0x1f) << 8) | (ts[off + 2] & 0xff);
    }

    /** Whether the packet at {@code off} has an adaptation field carrying a PCR. */
    static boolean hasPcr(byte[] ts, int off) {
        return (ts[off + 3] & 0x20) != 0 && (ts[off + 4] & 0xff) > 0 && (ts[off + 5] & 0x10) != 0;
    }
}
