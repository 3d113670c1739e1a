package io.cascade.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtcpTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aSenderReportIsWrittenWithItsSdesCname() {
        ByteBuf out = Unpooled.buffer();
        new RtcpSenderReport(0x01020304L, 0x1122334455667788L, 0xa0b0c0d0L, 5, 1000).writeCompound(out, "cascade");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(
                "80c80006" + "01020304" + "1122334455667788" + "a0b0c0d0" + "00000005" + "000003e8"
                        + "81ca0004" + "01020304" + "0107" + HEX.formatHex("cascade".getBytes()) + "000000");
    }

    @Test
    void aCompoundPacketReadsBack() throws Exception {
        ByteBuf out = Unpooled.buffer();
        RtcpSenderReport sr = new RtcpSenderReport(7, NtpTime.fromUtcTicks(123_456_789L), 42, 1, 2);
        sr.writeCompound(out, "x");
        List<RtcpPacket> packets = RtcpPacket.readCompound(out);
        assertThat(packets).extracting(RtcpPacket::type).containsExactly(RtcpPacket.SR, RtcpPacket.SDES);
        assertThat(RtcpSenderReport.of(packets.getFirst())).isEqualTo(sr);
    }

    @Test
    void aReceiverReportIsReadEnoughToBeIgnored() throws Exception {
        // RR with one report block from SSRC 0x0a, then an SDES
        byte[] rr = HEX.parseHex("81c90007" + "0000000a" + "01020304" + "00000000" + "00000000" + "00000000"
                + "00000000" + "00000000" + "81ca0002" + "0000000a" + "01000000");
        List<RtcpPacket> packets = RtcpPacket.readCompound(Unpooled.wrappedBuffer(rr));
        assertThat(packets).extracting(RtcpPacket::type).containsExactly(RtcpPacket.RR, RtcpPacket.SDES);
        assertThat(packets.getFirst().ssrc()).isEqualTo(10);
        assertThat(packets.getFirst().count()).isEqualTo(1);
    }

    @Test
    void brokenCompoundPacketsAreRefused() {
        for (String bad : List.of("", "80c9", "80c90009" + "0000000a", "40c900010000000a", "81ca00010000000a")) {
            assertThatThrownBy(() -> RtcpPacket.readCompound(Unpooled.wrappedBuffer(HEX.parseHex(bad))))
                    .as(bad).isInstanceOf(RtpFormatException.class);
        }
    }

    @Test
    void ntpTimeIsTheUtcTimelineSince1900() {
        assertThat(NtpTime.fromUtcTicks(0)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.fromUtcTicks(45_000) & 0xffffffffL).isEqualTo(0x80000000L);
        long ticks = 1_764_000_000L * 90_000 + 12_345;
        assertThat(NtpTime.toUnixMicros(NtpTime.fromUtcTicks(ticks))).isCloseTo(ticks * 100 / 9, org.assertj.core.data.Offset.offset(1L));
    }
}
