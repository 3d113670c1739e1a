package io.cascade.mpegts;

/**
 * The header fields of one 188-byte transport packet (ISO/IEC 13818-1 2.4.3.2) and where its
 * payload lies within the packet.
 */
record TsPacket(int pid, boolean unitStart, int continuity, boolean discontinuity,
                int payloadOffset, boolean hasPayload) {

    static final int SIZE = 188;
    static final int SYNC = 0x47;
    static final int PID_PAT = 0;
    static final int PID_NULL = 0x1fff;

    /** Parses the packet at {@code b[off]}; null when the packet is flagged as errored or malformed. */
    static TsPacket parse(byte[] b, int off) {
        if ((b[off + 1] & 0x80) != 0) {
            return null; // transport_error_indicator: the bits are known to be bad
        }
        boolean unitStart = (b[off + 1] & 0x40) != 0;
        int pid = ((b[off + 1] & 0x1f) << 8) | (b[off + 2] & 0xff);
        int control = (b[off + 3] >> 4) & 3;
        int continuity = b[off + 3] & 0x0f;
        if (control == 0) {
            return null; // reserved value
        }
        int payloadOffset = 4;
        boolean discontinuity = false;
        if ((control & 2) != 0) {
            int length = b[off + 4] & 0xff;
            if (length > (control == 3 ? 182 : 183)) {
                return null;
            }
            discontinuity = length > 0 && (b[off + 5] & 0x80) != 0;
            payloadOffset = 5 + length;
        }
        boolean hasPayload = (control & 1) != 0 && payloadOffset < SIZE;
        return new TsPacket(pid, unitStart, continuity, discontinuity, payloadOffset, hasPayload);
    }
}
