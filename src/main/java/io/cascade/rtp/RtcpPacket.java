package io.cascade.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * One RTCP packet of a compound packet (RFC 3550 6.1), as far as a sender needs to read what
 * receivers send: its type, count field, sender SSRC and body. Reading checks the framing only,
 * so receiver reports, SDES, BYE and application packets can be ignored safely.
 *
 * @param type  packet type (200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP …)
 * @param count the 5-bit count field (report blocks, sources …)
 * @param body  the bytes after the 4-byte header, padding removed
 */
public record RtcpPacket(int type, int count, byte[] body) {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    /** A compound packet holds at most this many packets; more is no receiver's report. */
    static final int MAX_PACKETS = 32;

    /** The SSRC after the header (the sender of an SR or RR), or -1 when the body is shorter. */
    public long ssrc() {
        return body.length < 4 ? -1 : ((body[0] & 0xffL) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8)
                | (body[3] & 0xff);
    }

    /**
     * Reads the compound packet in the readable bytes of {@code in}.
     *
     * @throws RtpFormatException when a header is not version 2, a length runs past the end, or
     *                            the first packet is not an SR or RR (6.1)
     */
    public static List<RtcpPacket> readCompound(ByteBuf in) throws RtpFormatException {
        List<RtcpPacket> out = new ArrayList<>();
        while (in.readableBytes() > 0) {
            if (in.readableBytes() < 4) {
                throw new RtpFormatException("RTCP header truncated");
            }
            if (out.size() == MAX_PACKETS) {
                throw new RtpFormatException("more than " + MAX_PACKETS + " RTCP packets in one compound packet");
            }
            int b0 = in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int bytes = 4 * in.readUnsignedShort();
            if (b0 >> 6 != RtpPacket.VERSION) {
                throw new RtpFormatException("RTCP version " + (b0 >> 6) + ", expected 2");
            }
            if (bytes > in.readableBytes()) {
                throw new RtpFormatException("RTCP length " + bytes + " exceeds the " + in.readableBytes() + " bytes left");
            }
            int bodyBytes = bytes;
            if ((b0 & 0x20) != 0 && bytes > 0) {
                bodyBytes -= in.getUnsignedByte(in.readerIndex() + bytes - 1);
                if (bodyBytes < 0) {
                    throw new RtpFormatException("RTCP padding exceeds the packet");
                }
            }
            byte[] body = ByteBufUtil.getBytes(in, in.readerIndex(), bodyBytes);
            in.skipBytes(bytes);
            if (out.isEmpty() && type != SR && type != RR) {
                throw new RtpFormatException("RTCP compound packet starts with type " + type + ", not SR or RR");
            }
            out.add(new RtcpPacket(type, b0 & 0x1f, body));
        }
        if (out.isEmpty()) {
            throw new RtpFormatException("empty RTCP packet");
        }
        return out;
    }
}
