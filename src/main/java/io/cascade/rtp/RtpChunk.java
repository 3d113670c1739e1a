package io.cascade.rtp;

/**
 * The payload of one RTP packet, as a payload format header ({@code prefix}, possibly empty) and
 * a slice of a frame's bytes, so a frame is copied once: into the packet.
 *
 * @param prefix payload format bytes written before the slice (FU header, AU header section …)
 * @param data   the array the slice is taken from
 * @param offset start of the slice
 * @param length bytes of the slice
 * @param marker the RTP marker bit (last packet of an access unit)
 */
public record RtpChunk(byte[] prefix, byte[] data, int offset, int length, boolean marker) {

    public RtpChunk {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("slice " + offset + "+" + length + " outside " + data.length + " bytes");
        }
    }

    /** A chunk carrying all of {@code data}. */
    public static RtpChunk whole(byte[] prefix, byte[] data, boolean marker) {
        return new RtpChunk(prefix, data, 0, data.length, marker);
    }

    public int size() {
        return prefix.length + length;
    }
}
