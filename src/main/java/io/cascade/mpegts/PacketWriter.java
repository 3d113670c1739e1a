package io.cascade.mpegts;

import java.io.ByteArrayOutputStream;

/**
 * Cuts payloads into 188-byte transport packets of one PID, with continuity counting, optional
 * PCR and random access indicator in the first packet, and adaptation-field stuffing so every
 * packet is full (ISO/IEC 13818-1 2.4.3.2–2.4.3.5).
 */
final class PacketWriter {
    private static final int PAYLOAD_SPACE = TsPacket.SIZE - 4;
    /** Adaptation field of a first packet with a PCR: length, flags, 6 PCR bytes. */
    private static final int PCR_FIELD = 8;
    /** Adaptation field of a first packet with only the random access indicator: length, flags. */
    private static final int FLAGS_FIELD = 2;

    private final int pid;
    private int continuity;

    PacketWriter(int pid) {
        this.pid = pid;
    }

    /** The continuity counter of the next payload packet. */
    int continuity() {
        return continuity;
    }

    /** Sets the continuity counter of the next payload packet (taken modulo 16). */
    void continueAt(long counter) {
        continuity = (int) (counter & 15);
    }

    /** The fewest packets {@link #write} can cut a unit of {@code length} bytes into. */
    static int packetsFor(int length, boolean pcr, boolean randomAccess) {
        int first = PAYLOAD_SPACE - firstOverhead(pcr, randomAccess);
        return 1 + Math.ceilDiv(Math.max(0, length - first), PAYLOAD_SPACE);
    }

    /** Writes {@code payload} in as few packets as it fits in; see {@link #write(ByteArrayOutputStream, byte[], long, boolean, int)}. */
    void write(ByteArrayOutputStream out, byte[] payload, long pcr, boolean randomAccess) {
        write(out, payload, pcr, randomAccess, packetsFor(payload.length, pcr >= 0, randomAccess));
    }

    /**
     * Writes {@code payload} as one unit (PES or section with pointer field) in exactly
     * {@code packets} packets, the first with payload_unit_start_indicator set. Packets are filled
     * in order and the last ones carry a single byte each where {@code packets} is more than the
     * payload needs; adaptation-field stuffing pads each packet to 188 bytes.
     *
     * @param pcr           PCR base in 90 kHz ticks modulo 2^33 (extension 0), or -1 for none
     * @param randomAccess  whether to set random_access_indicator in the first packet
     * @param packets       at least {@link #packetsFor}, at most one per payload byte
     */
    void write(ByteArrayOutputStream out, byte[] payload, long pcr, boolean randomAccess, int packets) {
        if (packets < packetsFor(payload.length, pcr >= 0, randomAccess) || packets > Math.max(1, payload.length)) {
            throw new IllegalArgumentException(payload.length + " bytes cannot fill " + packets + " packets");
        }
        int pos = 0;
        for (int i = 0; i < packets; i++) {
            boolean first = i == 0;
            boolean pcrHere = first && pcr >= 0;
            boolean rai = first && randomAccess;
            int overhead = first ? firstOverhead(pcrHere, rai) : 0;
            int laterPackets = packets - 1 - i;
            int n = Math.min(PAYLOAD_SPACE - overhead, payload.length - pos - laterPackets);
            int stuffing = PAYLOAD_SPACE - overhead - n;
            int afBody = overhead == 0 ? -1 : overhead - 1; // -1: no adaptation field
            if (stuffing > 0) {
                afBody = afBody < 0 ? stuffing - 1 : afBody + stuffing;
            }
            header(out, first, afBody >= 0, true);
            if (afBody >= 0) {
                adaptationField(out, afBody, pcrHere ? pcr : -1, rai);
            }
            out.write(payload, pos, n);
            pos += n;
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

    private static int firstOverhead(boolean pcr, boolean randomAccess) {
        return pcr ? PCR_FIELD : randomAccess ? FLAGS_FIELD : 0;
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
