package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts the bytes received and sends an Acknowledgement each time the peer's window
 * (its Window Acknowledgement Size) is crossed; encoders such as OBS stall without them.
 * Sits first in the pipeline so it sees the raw bytes.
 */
public final class AcknowledgementHandler extends ChannelInboundHandlerAdapter {
    private long received;
    private long lastAcknowledged;
    private long window;

    /** Called when the peer announces its window; 0 disables acknowledgements. */
    public void setWindow(long size) {
        this.window = size;
    }

    public long received() {
        return received;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            received += buf.readableBytes();
            if (window > 0 && received - lastAcknowledged >= window) {
                lastAcknowledged = received;
                // the sequence number is the byte count, wrapping at 32 bits
                ctx.channel().writeAndFlush(ProtocolControl.acknowledgement(received & 0xFFFFFFFFL));
            }
        }
        ctx.fireChannelRead(msg);
    }
}
