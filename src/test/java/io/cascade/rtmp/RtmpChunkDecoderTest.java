package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtmpChunkDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULT));

    private static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    private List<RtmpMessage> feed(byte[]... parts) {
        for (byte[] p : parts) {
            channel.writeInbound(Unpooled.wrappedBuffer(p));
        }
        List<RtmpMessage> out = new ArrayList<>();
        RtmpMessage m;
        while ((m = channel.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    private static String body(RtmpMessage m) {
        String s = ByteBufUtil.hexDump(m.payload());
        m.release();
        return s;
    }

    @Test
    void decodesAllFourHeaderTypes() {
        List<RtmpMessage> out = feed(
                // fmt 0, csid 4: ts 1000, len 2, type 9, stream 1 (little endian)
                hex("04 0003e8 000002 09 01000000 aabb"),
                // fmt 1: delta 40, len 1, type 8
                hex("44 000028 000001 08 cc"),
                // fmt 2: delta 10 (length and type kept)
                hex("84 00000a dd"),
                // fmt 3: same delta again
                hex("c4 ee"));

        assertThat(out).hasSize(4);
        assertThat(out.get(0)).extracting(RtmpMessage::csid, RtmpMessage::typeId, RtmpMessage::streamId,
                RtmpMessage::timestamp).containsExactly(4, 9, 1, 1000L);
        assertThat(body(out.get(0))).isEqualTo("aabb");
        assertThat(out.get(1)).extracting(RtmpMessage::typeId, RtmpMessage::streamId, RtmpMessage::timestamp)
                .containsExactly(8, 1, 1040L);
        assertThat(out.get(2).timestamp()).isEqualTo(1050L);
        assertThat(out.get(3).timestamp()).isEqualTo(1060L);
        assertThat(body(out.get(3))).isEqualTo("ee");
    }

    @Test
    void reassemblesAcrossChunksAndPartialReads() {
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(hex("03 000000 00012c 14 00000000"));
        wire.writeBytes(payload, 0, 128).writeByte(0xC3).writeBytes(payload, 128, 128).writeByte(0xC3)
                .writeBytes(payload, 256, 44);
        byte[] bytes = ByteBufUtil.getBytes(wire);
        List<RtmpMessage> out = new ArrayList<>();
        for (byte b : bytes) { // one byte at a time: every partial state is visited
            out.addAll(feed(new byte[]{b}));
        }
        assertThat(out).hasSize(1);
        assertThat(ByteBufUtil.getBytes(out.get(0).payload())).isEqualTo(payload);
        out.get(0).release();
    }

    @Test
    void interleavedChunkStreamsAreReassembledSeparately() {
        byte[] a = new byte[200];
        byte[] b = new byte[150];
        java.util.Arrays.fill(a, (byte) 0xA);
        java.util.Arrays.fill(b, (byte) 0xB);
        ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(hex("06 000010 0000c8 09 01000000")).writeBytes(a, 0, 128);
        wire.writeBytes(hex("04 000020 000096 08 01000000")).writeBytes(b, 0, 128);
        wire.writeByte(0xC6).writeBytes(a, 128, 72);
        wire.writeByte(0xC4).writeBytes(b, 128, 22);
        List<RtmpMessage> out = feed(ByteBufUtil.getBytes(wire));
        assertThat(out).extracting(RtmpMessage::csid).containsExactly(6, 4);
        assertThat(ByteBufUtil.getBytes(out.get(0).payload())).isEqualTo(a);
        assertThat(ByteBufUtil.getBytes(out.get(1).payload())).isEqualTo(b);
        out.forEach(RtmpMessage::release);
    }

    @Test
    void extendedTimestampOnType0AndRepeatedOnType3Continuation() {
        ByteBuf wire = Unpooled.buffer();
        byte[] payload = new byte[130];
        wire.writeBytes(hex("04 ffffff 000082 09 01000000 12345678")).writeBytes(payload, 0, 128);
        wire.writeBytes(hex("c4 12345678")).writeBytes(payload, 128, 2);
        List<RtmpMessage> out = feed(ByteBufUtil.getBytes(wire));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).timestamp()).isEqualTo(0x12345678L);
        assertThat(out.get(0).payload().readableBytes()).isEqualTo(130);
        out.get(0).release();
    }

    @Test
    void extendedTimestampNotRepeatedOnType3IsAlsoAccepted() {
        ByteBuf wire = Unpooled.buffer();
        byte[] payload = new byte[132];
        payload[128] = 2; // continuation data that does not look like the timestamp
        wire.writeBytes(hex("04 ffffff 000084 09 01000000 01000000")).writeBytes(payload, 0, 128);
        wire.writeByte(0xC4).writeBytes(payload, 128, 4);
        List<RtmpMessage> out = feed(ByteBufUtil.getBytes(wire));
        assertThat(out).hasSize(1);
        assertThat(ByteBufUtil.getBytes(out.get(0).payload())).isEqualTo(payload);
        out.get(0).release();
    }

    @Test
    void setChunkSizeAppliesToFollowingChunks() {
        List<RtmpMessage> out = feed(hex("02 000000 000004 01 00000000 00000200"));
        assertThat(out).singleElement().extracting(RtmpMessage::typeId).isEqualTo(RtmpMessageType.SET_CHUNK_SIZE);
        out.get(0).release();
        byte[] payload = new byte[400];
        ByteBuf wire = Unpooled.buffer().writeBytes(hex("05 000000 000190 09 01000000")).writeBytes(payload);
        List<RtmpMessage> big = feed(ByteBufUtil.getBytes(wire));
        assertThat(big).singleElement().extracting(m -> m.payload().readableBytes()).isEqualTo(400);
        big.get(0).release();
    }

    @Test
    void abortDropsThePartialMessage() {
        feed(hex("04 000000 0000c8 09 01000000"), new byte[128]);
        // abort chunk stream 4, then a new small message on it
        List<RtmpMessage> out = feed(hex("02 000000 000004 02 00000000 00000004"), hex("04 000005 000001 08 01000000 77"));
        assertThat(out).extracting(RtmpMessage::typeId).containsExactly(RtmpMessageType.ABORT, 8);
        assertThat(body(out.get(1))).isEqualTo("77");
        out.get(0).release();
    }

    @Test
    void largeChunkStreamIdsUseTwoAndThreeByteHeaders() {
        List<RtmpMessage> out = feed(hex("00 00 000000 000001 09 00000000 01"), hex("01 ff 00 000000 000001 09 00000000 02"));
        assertThat(out).extracting(RtmpMessage::csid).containsExactly(64, 319);
        out.forEach(RtmpMessage::release);
    }

    @Test
    void chunkSizeOfTwoToTheThirtyFirstIsRejected() {
        assertThatThrownBy(() -> feed(hex("02 000000 000004 01 00000000 80000000")))
                .isInstanceOf(DecoderException.class).hasRootCauseInstanceOf(RtmpProtocolException.class)
                .rootCause().hasMessageContaining("Set Chunk Size 2147483648");
    }

    @Test
    void messageOverTheLimitIsRejectedBeforeItsBytesArrive() {
        EmbeddedChannel small = new EmbeddedChannel(new RtmpChunkDecoder(1000, 65536));
        assertThatThrownBy(() -> small.writeInbound(Unpooled.wrappedBuffer(hex("04 000000 0003e9 09 01000000"))))
                .hasRootCauseInstanceOf(RtmpProtocolException.class).rootCause().hasMessageContaining("1001 bytes");
    }

    @Test
    void continuationWithoutHeaderIsRejected() {
        assertThatThrownBy(() -> feed(hex("c5 00")))
                .hasRootCauseInstanceOf(RtmpProtocolException.class);
    }
}
