package io.cascade.mpegts;

/**
 * One reassembled PES packet's timing and payload.
 *
 * @param pts      33-bit presentation time stamp, or -1 when absent
 * @param dts      33-bit decoding time stamp, or -1 when absent (then equal to pts)
 * @param payload  the elementary stream bytes
 */
record Pes(long pts, long dts, byte[] payload) {
    static final long NO_TIMESTAMP = -1;
}
