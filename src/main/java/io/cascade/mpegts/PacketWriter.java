package io.cascade.mpegts;

import java.io.ByteArrayOutputStream;

/**
 * Cuts payloads into 188-byte transport packets of one PID, with continuity counting, optional
 * PCR and random access indicator in the first packet, and adaptation-field stuffing so every
 * packet is full (ISO/IEC 13818-1 2.4.3.2–2.4.3.5).
 */
final class PacketWriter {
    private static final int PAYLOAD_SPACE = TsPacket.SIZE - 4;

    private final int pid;
    private int continuity;

    PacketWriter(int pid) {
        this.pid = pid;
    }

    /**
     * Writes {@code payload} as one unit (PES or section with pointer field) starting in a packet
     * with payload_unit_start_indicator set.
     *
     * @param pcr           PCR base in 90 kHz ticks modulo 2^33 (extension 0), or -1 for none
     * @param randomAccess  whether to set random_access_indicator in the first packet
     */
    void write(ByteArrayOutputStream out, byte[] payload, long pcr, boolean randomAccess) {
        int pos = 0;
        boolean first = true;
        while (first || pos < payload.length) {
            boolean pcrHere = first && pcr >= 0;
            boolean rai = first && randomAccess;
            int afBody = pcrHere || rai ? 1 + (pcrHere ? 6 : 0) : -1; // -1: no adaptation field
            int overhead = afBody < 0 ? 0 : 1 + afBody;
            int n = Math.min(PAYLOAD_SPACE - overhead, payload.length - pos);
            int stuffing = PAYLOAD_SPACE - overhead - n;
            if (stuffing > 0) {
                afBody = afBody < 0 ? stuffing - 1 : afBody + stuffing;
            }
            header(out, first, afBody >= 0, true);
            if (afBody >= 0) {
                adaptationField(out, afBody, pcrHere ? pcr : -1, rai);
            }
            out.write(payload, pos, n);
            pos += n;
            first = false;
        }
    }

    /** A packet with only an adaptation field carrying a PCR; it does not advance the continuity counter. */
    void writePcrOnly(ByteArrayOutputStream out, long pcr) {
        out.write(TsPacket.SYNC);
        out.write(pid >> 8);
        out.write(pid);
        out.write(0x20 | ((continuity - 1) & 15));
        adaptationField(out, TsPacket.SIZE - 5, pcr, false);
    }

    private void header(ByteArrayOutputStream out, boolean unitStart, boolean adaptation, boolean payload) {
        out.write(TsPacket.SYNC);
        out.write((unitStart ? 0x40 : 0) | (pid >> 8));
        out.write(pid);
        out.write((adaptation ? 0x20 : 0) | (payload ? 0x10 : 0) | continuity);
        continuity = (continuity + 1) & 15;
    }

    /** An adaptation field of {@code body} bytes after its length byte: flags, PCR, 0xFF stuffing. */
    private static void adaptationField(ByteArrayOutputStream out, int body, long pcr, boolean randomAccess) {
        out.write(body);
        if (body == 0) {
            return;
        }
        out.write((randomAccess ? 0x40 : 0) | (pcr >= 0 ? 0x10 : 0));
        int used = 1;
        if (pcr >= 0) {
            out.write((int) (pcr >>> 25));
            out.write((int) (pcr >>> 17));
            out.write((int) (pcr >>> 9));
            out.write((int) (pcr >>> 1));
            out.write((int) ((pcr & 1) << 7) | 0x7e); // reserved bits, extension high bit 0
            out.write(0); // program_clock_reference_extension 0
            used += 6;
        }
        for (; used < body; used++) {
            out.write(0xff);
        }
    }
}
