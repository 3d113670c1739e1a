package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RtmpChunkEncoderTest {

    @Test
    void encodesType0ThenType3Chunks() {
        RtmpMessage m = new RtmpMessage(4, 9, 1, 1000, Unpooled.wrappedBuffer(new byte[5]));
        ByteBuf out = RtmpChunkEncoder.encodeOnce(ByteBufAllocator.DEFAULT, m, 2);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("04" + "0003e8" + "000005" + "09" + "01000000"
                + "0000" + "c4" + "0000" + "c4" + "00");
        assertThat(m.payload().readableBytes()).as("payload not consumed").isEqualTo(5);
    }

    @Test
    void extendedTimestampIsRepeatedOnContinuations() {
        RtmpMessage m = new RtmpMessage(70, 8, 1, 0x01000000L, Unpooled.wrappedBuffer(new byte[3]));
        ByteBuf out = RtmpChunkEncoder.encodeOnce(ByteBufAllocator.DEFAULT, m, 2);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("0006" + "ffffff" + "000003" + "08" + "01000000" + "01000000"
                + "0000" + "c006" + "01000000" + "00");
    }

    @Test
    void roundTripsThroughTheDecoderWithChunkSizeChange() {
        EmbeddedChannel encoder = new EmbeddedChannel(new RtmpChunkEncoder());
        EmbeddedChannel decoder = new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULT));
        byte[] big = new byte[10_000];
        new Random(1).nextBytes(big);
        encoder.writeOutbound(ProtocolControl.setChunkSize(4096));
        encoder.writeOutbound(new RtmpMessage(6, 9, 1, 40, Unpooled.wrappedBuffer(big)));
        encoder.writeOutbound(new RtmpMessage(4, 8, 1, 0xFFFFFFF0L, Unpooled.wrappedBuffer(big, 0, 300)));
        assertThat(encoder.<RtmpChunkEncoder>pipeline().get(RtmpChunkEncoder.class).chunkSize()).isEqualTo(4096);
        ByteBuf b;
        while ((b = encoder.readOutbound()) != null) {
            decoder.writeInbound(b);
        }
        RtmpMessage setSize = decoder.readInbound();
        assertThat(setSize.typeId()).isEqualTo(RtmpMessageType.SET_CHUNK_SIZE);
        RtmpMessage video = decoder.readInbound();
        assertThat(video).extracting(RtmpMessage::csid, RtmpMessage::typeId, RtmpMessage::streamId, RtmpMessage::timestamp)
                .containsExactly(6, 9, 1, 40L);
        assertThat(ByteBufUtil.getBytes(video.payload())).isEqualTo(big);
        RtmpMessage audio = decoder.readInbound();
        assertThat(audio.timestamp()).isEqualTo(0xFFFFFFF0L);
        assertThat(audio.payload().readableBytes()).isEqualTo(300);
        setSize.release();
        video.release();
        audio.release();
    }
}
