package io.cascade.mpegts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes a transport stream's PCRs say when its packets are sent, for a receiver that takes the
 * stream at the pace it is sent (UDP). Each segment's packets are sent evenly over the segment's
 * duration (see {@code DatagramPacer}), so packet {@code i} of {@code n} leaves at
 * {@code first + i·duration/n}; every PCR is rewritten to that time, and where no PCR would come
 * for {@link #MAX_GAP} a PCR-only packet (adaptation field only, repeating the PID's continuity
 * counter, ISO/IEC 13818-1 2.4.3.3) is put in on the PCR PID. Gaps between PCRs then stay under
 * 40 ms whatever the frame rate.
 *
 * <p>Sent evenly, a segment's keyframe leaves later than its frames' decode times would have it;
 * the caller starts the PCRs early enough ({@code first}) that the clock never passes a frame's DTS.
 * A discontinuity_indicator on the segment's first PCR moves to the first PCR sent.
 * Not thread-safe: one per receiver, fed the segments in order.
 */
public final class TsRetimer {
    /** At most this long (30 ms) between PCRs in the packet schedule, so under 40 ms with a packet's time to spare. */
    public static final long MAX_GAP = 2_700;
    private static final byte[] NONE = new byte[0];

    private int pcrPid = -1;
    private int pcrPidCounter = -1;
    /** Ticks from the last PCR sent to the end of the previous segment. */
    private long sinceLastPcr = Long.MAX_VALUE / 4;

    /**
     * The packets of one segment, with PCRs inserted and rewritten.
     *
     * @param ts       whole packets, continuous with the previous segment given
     * @param firstPcr the PCR of the segment's first packet, 90 kHz (taken modulo 2^33)
     * @param duration how long the segment's packets take to send, 90 kHz
     */
    public byte[] retime(byte[] ts, long firstPcr, long duration) {
        if (ts.length % TsPacket.SIZE != 0) {
            throw new IllegalArgumentException(ts.length + " bytes are not whole packets");
        }
        long span = Math.max(1, duration);
        int given = ts.length / TsPacket.SIZE;
        if (pcrPid < 0) {
            pcrPid = firstPcrPid(ts);
        }
        List<byte[]> out = new ArrayList<>(given + (int) (span / MAX_GAP) + 2);
        long lastPcrAt = -sinceLastPcr;
        boolean discontinuity = false;
        for (int i = 0; i < given; i++) {
            int off = i * TsPacket.SIZE;
            long at = i * span / given;
            int pid = ContinuousTsWriter.pid(ts, off);
            boolean carriesPcr = pid == pcrPid && ContinuousTsWriter.hasPcr(ts, off);
            if (carriesPcr) {
                discontinuity |= (ts[off + 5] & 0x80) != 0;
                lastPcrAt = at;
            } else if (pcrPid >= 0 && pcrPidCounter >= 0 && at - lastPcrAt >= MAX_GAP) {
                out.add(pcrOnly(pcrPid, pcrPidCounter));
                lastPcrAt = at;
            }
            if (pid == pcrPid) {
                pcrPidCounter = ts[off + 3] & 15;
            }
            out.add(Arrays.copyOfRange(ts, off, off + TsPacket.SIZE));
        }
        return stamp(out, firstPcr, span, discontinuity);
    }

    /** Writes each packet's send time into its PCR; the first PCR carries the segment's discontinuity, if any. */
    private byte[] stamp(List<byte[]> packets, long firstPcr, long span, boolean discontinuity) {
        int n = packets.size();
        byte[] all = new byte[n * TsPacket.SIZE];
        boolean first = true;
        long lastPcrAt = -sinceLastPcr;
        for (int j = 0; j < n; j++) {
            byte[] p = packets.get(j);
            if (ContinuousTsWriter.pid(p, 0) == pcrPid && ContinuousTsWriter.hasPcr(p, 0)) {
                long at = j * span / n;
                writePcr(p, Math.floorMod(firstPcr + at, TimestampUnwrapper.PERIOD));
                p[5] = (byte) (first && discontinuity ? p[5] | 0x80 : p[5] & 0x7f);
                first = false;
                lastPcrAt = at;
            }
            System.arraycopy(p, 0, all, j * TsPacket.SIZE, TsPacket.SIZE);
        }
        sinceLastPcr = span - lastPcrAt;
        return n == 0 ? NONE : all;
    }

    private static int firstPcrPid(byte[] ts) {
        for (int off = 0; off < ts.length; off += TsPacket.SIZE) {
            if (ContinuousTsWriter.hasPcr(ts, off)) {
                return ContinuousTsWriter.pid(ts, off);
            }
        }
        return -1;
    }

    /** A packet of only an adaptation field with a PCR (written later); its counter repeats the PID's last. */
    private static byte[] pcrOnly(int pid, int counter) {
        byte[] p = new byte[TsPacket.SIZE];
        Arrays.fill(p, (byte) 0xff);
        p[0] = TsPacket.SYNC;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = (byte) (0x20 | counter);
        p[4] = (byte) (TsPacket.SIZE - 5);
        p[5] = 0x10;
        return p;
    }

    /** PCR base {@code pcr}, extension 0, at its place in a packet whose adaptation field has one. */
    private static void writePcr(byte[] p, long pcr) {
        p[6] = (byte) (pcr >>> 25);
        p[7] = (byte) (pcr >>> 17);
        p[8] = (byte) (pcr >>> 9);
        p[9] = (byte) (pcr >>> 1);
        p[10] = (byte) (((pcr & 1) << 7) | 0x7e);
        p[11] = 0;
    }
}
