package io.cascade.rtp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * An RTCP sender report without report blocks (RFC 3550 6.4.1): it maps the sender's RTP
 * timestamp to an NTP wallclock time, which is how receivers line tracks up and learn the
 * wallclock of the media.
 *
 * @param ssrc         the sender
 * @param ntpTime      64-bit NTP time (see {@link NtpTime})
 * @param rtpTimestamp the RTP timestamp of the same instant
 * @param packets      packets sent by this SSRC so far
 * @param octets       payload octets sent so far
 */
public record RtcpSenderReport(long ssrc, long ntpTime, long rtpTimestamp, long packets, long octets) {

    /** Writes the report and an SDES with {@code cname}, the compound packet RFC 3550 6.1 requires. */
    public void writeCompound(ByteBuf out, String cname) {
        out.writeByte(RtpPacket.VERSION << 6);
        out.writeByte(RtcpPacket.SR);
        out.writeShort(6);
        out.writeInt((int) ssrc);
        out.writeLong(ntpTime);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packets);
        out.writeInt((int) octets);
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        int nameBytes = Math.min(name.length, 255);
        // SSRC, CNAME item (type, length, text), end-of-list null, padded to 32 bits
        int chunk = 4 + 2 + nameBytes + 1;
        int padded = (chunk + 3) & ~3;
        out.writeByte((RtpPacket.VERSION << 6) | 1);
        out.writeByte(RtcpPacket.SDES);
        out.writeShort(padded / 4);
        out.writeInt((int) ssrc);
        out.writeByte(1);
        out.writeByte(nameBytes);
        out.writeBytes(name, 0, nameBytes);
        out.writeZero(padded - chunk + 1);
    }

    /** The sender report in {@code packet}, which must be of type SR. */
    public static RtcpSenderReport of(RtcpPacket packet) throws RtpFormatException {
        byte[] b = packet.body();
        if (packet.type() != RtcpPacket.SR || b.length < 24) {
            throw new RtpFormatException("not an RTCP sender report");
        }
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(b);
        return new RtcpSenderReport(in.readUnsignedInt(), in.readLong(), in.readUnsignedInt(), in.readUnsignedInt(),
                in.readUnsignedInt());
    }
}
