package io.cascade.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * One RTP packet (RFC 3550 5.1). Written with version 2, no padding, no extension and no CSRC;
 * read with all of them, so an RTP input can use the same class.
 *
 * @param payloadType 0..127
 * @param marker      the marker bit
 * @param sequence    16-bit sequence number
 * @param timestamp   32-bit timestamp, in the payload format's clock
 * @param ssrc        32-bit synchronization source
 * @param payload     the payload, padding removed
 */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {
    public static final int VERSION = 2;
    public static final int HEADER_BYTES = 12;

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        sequence &= 0xffff;
        timestamp &= 0xffffffffL;
        ssrc &= 0xffffffffL;
    }

    /** Writes the 12-byte header of a packet (no CSRC, no extension) to {@code out}. */
    public static void writeHeader(ByteBuf out, int payloadType, boolean marker, int sequence, long timestamp, long ssrc) {
        out.writeByte(VERSION << 6);
        out.writeByte((marker ? 0x80 : 0) | payloadType);
        out.writeShort(sequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
    }

    /** Writes a whole packet: the header, then the chunk's prefix and slice. */
    public static void write(ByteBuf out, int payloadType, int sequence, long timestamp, long ssrc, RtpChunk chunk) {
        writeHeader(out, payloadType, chunk.marker(), sequence, timestamp, ssrc);
        out.writeBytes(chunk.prefix());
        out.writeBytes(chunk.data(), chunk.offset(), chunk.length());
    }

    public void encode(ByteBuf out) {
        writeHeader(out, payloadType, marker, sequence, timestamp, ssrc);
        out.writeBytes(payload);
    }

    /** Reads the packet in the readable bytes of {@code in}, which must hold exactly one packet. */
    public static RtpPacket decode(ByteBuf in) throws RtpFormatException {
        int start = in.readerIndex();
        int end = in.writerIndex();
        if (end - start < HEADER_BYTES) {
            throw new RtpFormatException("RTP packet of " + (end - start) + " bytes is shorter than its header");
        }
        int b0 = in.getUnsignedByte(start);
        if (b0 >> 6 != VERSION) {
            throw new RtpFormatException("RTP version " + (b0 >> 6) + ", expected 2");
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0f;
        int b1 = in.getUnsignedByte(start + 1);
        int at = start + HEADER_BYTES + 4 * csrcCount;
        if (extension) {
            if (end - at < 4) {
                throw new RtpFormatException("RTP header extension truncated");
            }
            at += 4 + 4 * in.getUnsignedShort(at + 2);
        }
        int payloadEnd = end;
        if (padding) {
            int pad = end > start ? in.getUnsignedByte(end - 1) : 0;
            if (pad == 0) {
                throw new RtpFormatException("RTP padding count of 0");
            }
            payloadEnd -= pad;
        }
        if (at > payloadEnd) {
            throw new RtpFormatException("RTP header, CSRC list, extension and padding exceed the packet");
        }
        byte[] payload = ByteBufUtil.getBytes(in, at, payloadEnd - at);
        in.readerIndex(end);
        return new RtpPacket(b1 & 0x7f, (b1 & 0x80) != 0, in.getUnsignedShort(start + 2),
                in.getUnsignedInt(start + 4), in.getUnsignedInt(start + 8), payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && payloadType == p.payloadType && marker == p.marker && sequence == p.sequence
                && timestamp == p.timestamp && ssrc == p.ssrc && java.util.Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(payloadType, marker, sequence, timestamp, ssrc, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + (marker ? " M" : "") + " seq=" + sequence + " ts=" + timestamp
                + " ssrc=" + Long.toHexString(ssrc) + " " + payload.length + " bytes]";
    }
}
