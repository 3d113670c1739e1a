package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TcpInterleavedSinkTest {
    /** Two packets of track 0 back to back, as the fanout shares them, and an RTCP packet of track 1. */
    private static List<ByteBuf> packets() {
        HexFormat hex = HexFormat.of();
        return List.of(Unpooled.wrappedBuffer(hex.parseHex("24000002aabb" + "24000001cc")),
                Unpooled.wrappedBuffer(hex.parseHex("24030001dd")));
    }

    private static String written(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(ByteBufUtil.hexDump(b));
            b.release();
        }
        return out.toString();
    }

    @Test
    void theServersOwnChannelsTakeTheSharedBytesAsTheyAre() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<ByteBuf> in = packets();
        new TcpInterleavedSink(ch, new int[]{0, 2}).send(in);
        assertThat(written(ch)).isEqualTo("24000002aabb24000001cc24030001dd");
    }

    @Test
    void otherChannelsGetACopyWithTheirChannelInEveryPacketAndUnsetTracksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<ByteBuf> in = packets();
        new TcpInterleavedSink(ch, new int[]{6, -1}).send(in);
        assertThat(written(ch)).isEqualTo("24060002aabb24060001cc");
        assertThat(in).allMatch(b -> b.refCnt() == 0);
    }
}
