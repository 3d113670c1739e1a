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
    /** Per PID, how much this segment's counters are moved, and whether the PID was met yet: reused for every segment. */
    private final int[] shift = new int[PIDS];
    private final boolean[] seen = new boolean[PIDS];
    private final List<Integer> seenPids = new ArrayList<>();
    private long lastNumber = Long.MIN_VALUE;
    /** The last PMT section this receiver got, version and CRC left out, and the version it had. */
    private byte[] lastPmt;
    private int pmtVersion;

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
        seenPids.forEach(pid -> seen[pid] = false);
        seenPids.clear();
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
                seenPids.add(pid);
                int last = lastCounter[pid];
                int expected = last < 0 ? counter : payload ? (last + 1) & 15 : last;
                shift[pid] = (expected - counter) & 15;
            }
            int written = (counter + shift[pid]) & 15;
            lastCounter[pid] = written;
            boolean markPcr = !pcrMarked && hasPcr(ts, off);
            pcrMarked |= markPcr;
            int version = pid == TsMuxer.PMT_PID ? pmtVersion(ts, off) : -1;
            if (written != counter || markPcr || version >= 0) {
                if (off > runStart) {
                    out.add(ByteBuffer.wrap(ts, runStart, off - runStart));
                }
                byte[] packet = Arrays.copyOfRange(ts, off, off + TsPacket.SIZE);
                packet[3] = (byte) ((packet[3] & 0xf0) | written);
                if (markPcr) {
                    packet[5] |= (byte) 0x80;
                }
                if (version >= 0) {
                    setPmtVersion(packet, version);
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

    /**
     * The version the PMT in the packet at {@code off} must have for this receiver, or -1 when it
     * has it already. Every segment's PMT says version 0; a receiver keeps the first PMT of a
     * version and ignores later ones with the same (ffmpeg does), so when the tracks change
     * between segments this receiver's version goes up by one.
     */
    private int pmtVersion(byte[] ts, int off) {
        boolean sectionStart = (ts[off + 1] & 0x40) != 0 && (ts[off + 3] & 0x20) == 0 && ts[off + 4] == 0;
        int length = ((ts[off + 6] & 0x0f) << 8) | (ts[off + 7] & 0xff);
        if (!sectionStart || length < 13 || 8 + length > TsPacket.SIZE) {
            return -1;
        }
        byte[] section = Arrays.copyOfRange(ts, off + 5, off + 8 + length - 4);
        int given = (section[5] >> 1) & 31;
        section[5] = 0;
        if (lastPmt == null) {
            pmtVersion = given;
        } else if (!Arrays.equals(section, lastPmt)) {
            pmtVersion = (pmtVersion + 1) & 31;
        }
        lastPmt = section;
        return pmtVersion == given ? -1 : pmtVersion;
    }

    private static void setPmtVersion(byte[] packet, int version) {
        int length = ((packet[6] & 0x0f) << 8) | (packet[7] & 0xff);
        packet[10] = (byte) ((packet[10] & 0xc1) | (version << 1));
        int crcAt = 8 + length - 4;
        int crc = Crc32Mpeg.compute(packet, 5, crcAt - 5);
        packet[crcAt] = (byte) (crc >>> 24);
        packet[crcAt + 1] = (byte) (crc >>> 16);
        packet[crcAt + 2] = (byte) (crc >>> 8);
        packet[crcAt + 3] = (byte) crc;
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
