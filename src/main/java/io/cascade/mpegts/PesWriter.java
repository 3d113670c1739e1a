package io.cascade.mpegts;

/** Builds PES packets (ISO/IEC 13818-1 2.4.3.6) with PTS and, when different, DTS. */
final class PesWriter {
    private PesWriter() {
    }

    /** A PES around {@code payload}; timestamps are 33-bit values. Video may exceed the 16-bit length (written as 0). */
    static byte[] pes(int streamId, long pts, long dts, byte[] payload) {
        boolean withDts = dts != pts;
        int headerData = withDts ? 10 : 5;
        int total = 9 + headerData + payload.length;
        int packetLength = total - 6;
        if (packetLength > 0xffff) {
            if ((streamId & 0xf0) != 0xe0) {
                throw new IllegalArgumentException("audio PES of " + payload.length + " bytes exceeds 65535");
            }
            packetLength = 0; // unbounded, allowed for video only
        }
        byte[] pes = new byte[total];
        pes[2] = 1;
        pes[3] = (byte) streamId;
        pes[4] = (byte) (packetLength >> 8);
        pes[5] = (byte) packetLength;
        pes[6] = (byte) 0x84; // '10' marker, data_alignment_indicator: an access unit starts here
        pes[7] = (byte) (withDts ? 0xc0 : 0x80);
        pes[8] = (byte) headerData;
        timestamp(pes, 9, withDts ? 3 : 2, pts);
        if (withDts) {
            timestamp(pes, 14, 1, dts);
        }
        System.arraycopy(payload, 0, pes, 9 + headerData, payload.length);
        return pes;
    }

    private static void timestamp(byte[] b, int p, int prefix, long ts) {
        b[p] = (byte) ((prefix << 4) | (int) ((ts >>> 29) & 0x0e) | 1);
        b[p + 1] = (byte) (ts >>> 22);
        b[p + 2] = (byte) (((ts >>> 14) & 0xfe) | 1);
        b[p + 3] = (byte) (ts >>> 7);
        b[p + 4] = (byte) (((ts << 1) & 0xfe) | 1);
    }
}
