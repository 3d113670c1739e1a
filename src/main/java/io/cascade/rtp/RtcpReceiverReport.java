package io.cascade.rtp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * An RTCP receiver report with one report block (RFC 3550 6.4.2), followed by the SDES CNAME a
 * compound packet needs: how a receiver tells the sender what arrives.
 *
 * @param ssrc          the receiver's own SSRC
 * @param source        the sender reported on
 * @param fractionLost  lost since the last report, in 1/256
 * @param cumulativeLost packets lost since the start (24 bits, clamped)
 * @param highestSequence extended highest sequence number received
 * @param jitter        interarrival jitter in timestamp units
 * @param lastSr        the middle 32 bits of the last SR's NTP time, 0 when none came
 * @param delaySinceLastSr time since that SR in 1/65536 s, 0 when none came
 */
public record RtcpReceiverReport(long ssrc, long source, int fractionLost, long cumulativeLost, long highestSequence,
                                 long jitter, long lastSr, long delaySinceLastSr) {

    public void writeCompound(ByteBuf out, String cname) {
        out.writeByte((RtpPacket.VERSION << 6) | 1);
        out.writeByte(RtcpPacket.RR);
        out.writeShort(7);
        out.writeInt((int) ssrc);
        out.writeInt((int) source);
        out.writeByte(Math.max(0, Math.min(255, fractionLost)));
        out.writeMedium((int) Math.max(0, Math.min(0x7fffff, cumulativeLost)));
        out.writeInt((int) highestSequence);
        out.writeInt((int) jitter);
        out.writeInt((int) lastSr);
        out.writeInt((int) delaySinceLastSr);
        byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
        int nameBytes = Math.min(name.length, 255);
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
}
