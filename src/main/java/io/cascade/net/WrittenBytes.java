package io.cascade.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.concurrent.atomic.LongAdder;

/** Counts the bytes written to one connection, for its viewer session (RTMP, RTSP). */
public final class WrittenBytes extends ChannelOutboundHandlerAdapter {
    private final LongAdder total = new LongAdder();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf b) {
            total.add(b.readableBytes());
        }
        super.write(ctx, msg, promise);
    }

    public long total() {
        return total.sum();
    }
}
