package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.Arrays;
import java.util.List;

/**
 * The client side of the plain handshake, for pulling from other servers: sends C0+C1 with a
 * zero version field, reads S0+S1+S2, answers C2 = S1 and removes itself. Servers that insist on
 * the digest form are rare among the ones we pull from (ours, nginx-rtmp, ffmpeg's listen mode).
 */
public final class ClientHandshakeHandler extends ByteToMessageDecoder {
    private static final int SIZE = HandshakeDigest.PACKET_SIZE;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        byte[] c1 = ServerHandshakeHandler.randomPacket();
        Arrays.fill(c1, 0, 8, (byte) 0);
        ByteBuf out = Unpooled.buffer(1 + SIZE);
        out.writeByte(ServerHandshakeHandler.RTMP_VERSION);
        out.writeBytes(c1);
        ctx.writeAndFlush(out);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (in.readableBytes() < 1 + 2 * SIZE) {
            return;
        }
        int version = in.readUnsignedByte();
        if (version != ServerHandshakeHandler.RTMP_VERSION) {
            throw new RtmpProtocolException("server answered handshake version " + version);
        }
        ByteBuf c2 = Unpooled.buffer(SIZE);
        in.readBytes(c2, SIZE); // S1, echoed back as C2
        in.skipBytes(SIZE); // S2
        ctx.writeAndFlush(c2);
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(HandshakeCompleted.INSTANCE);
    }
}
