package io.cascade.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void headerBytesArePinned() {
        ByteBuf out = Unpooled.buffer();
        new RtpPacket(96, true, 0x1234, 0xdeadbeefL, 0x01020304L, new byte[]{(byte) 0xaa}).encode(out);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("80e01234deadbeef01020304aa");
    }

    @Test
    void aChunkIsWrittenBehindTheHeader() {
        ByteBuf out = Unpooled.buffer();
        RtpPacket.write(out, 97, 65535, 0x1_0000_0005L, 7, new RtpChunk(new byte[]{0x7c, (byte) 0x85},
                new byte[]{1, 2, 3, 4}, 1, 2, false));
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("8061ffff00000005000000077c850203");
    }

    @Test
    void decodeReadsBackWhatEncodeWrote() throws Exception {
        RtpPacket p = new RtpPacket(33, false, 7, 123456, 0xffffffffL, new byte[]{1, 2, 3});
        ByteBuf out = Unpooled.buffer();
        p.encode(out);
        assertThat(RtpPacket.decode(out)).isEqualTo(p);
    }

    @Test
    void decodeSkipsCsrcsAndTheExtensionAndDropsPadding() throws Exception {
        // V=2 P=1 X=1 CC=2, M=1 PT=96, 2 CSRCs, extension of 1 word, payload 0a0b, 2 bytes of padding
        byte[] bytes = HEX.parseHex("b2e00001000000640000000a" + "1111111122222222" + "beef0001cafebabe" + "0a0b" + "0002");
        RtpPacket p = RtpPacket.decode(Unpooled.wrappedBuffer(bytes));
        assertThat(p.payload()).containsExactly(0x0a, 0x0b);
        assertThat(p.marker()).isTrue();
        assertThat(p.sequence()).isEqualTo(1);
        assertThat(p.timestamp()).isEqualTo(100);
        assertThat(p.ssrc()).isEqualTo(10);
    }

    @Test
    void brokenPacketsAreRefused() {
        assertThatThrownBy(() -> RtpPacket.decode(Unpooled.wrappedBuffer(HEX.parseHex("80e0"))))
                .isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> RtpPacket.decode(Unpooled.wrappedBuffer(HEX.parseHex("40e000010000006400000001"))))
                .hasMessageContaining("version");
        // padding count larger than the packet
        assertThatThrownBy(() -> RtpPacket.decode(Unpooled.wrappedBuffer(HEX.parseHex("a0e0000100000064000000010aff"))))
                .isInstanceOf(RtpFormatException.class);
        // 15 CSRCs announced, none there
        assertThatThrownBy(() -> RtpPacket.decode(Unpooled.wrappedBuffer(HEX.parseHex("8fe00001000000640000000100"))))
                .isInstanceOf(RtpFormatException.class);
    }

    @Test
    void timestampsAreTheUtcTimelineInTheTrackClockModulo32Bits() {
        long ticks = 1_764_000_000L * 90_000 + 4500; // some instant of 2025, plus 50 ms
        assertThat(RtpPacketizer.timestamp(ticks, 90_000)).isEqualTo(ticks & 0xffffffffL);
        assertThat(RtpPacketizer.timestamp(ticks, 48_000)).isEqualTo((ticks * 48_000 / 90_000) & 0xffffffffL);
        assertThat(RtpPacketizer.timestamp(90_000, 44_100)).isEqualTo(44_100);
    }
}
