package io.cascade.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of a response that goes on as long as the connection lives, written from any thread.
 * It counts what is queued but not yet sent, so the writer can tell a peer that does not keep up.
 */
public final class StreamingReply {
    private final Channel channel;
    private final AtomicLong queued = new AtomicLong();

    StreamingReply(Channel channel) {
        this.channel = channel;
    }

    /** Queues {@code piece} (ownership passes here) and flushes it. */
    public void write(ByteBuf piece) {
        int n = piece.readableBytes();
        queued.addAndGet(n);
        execute(() -> channel.writeAndFlush(new DefaultHttpContent(piece)).addListener(f -> queued.addAndGet(-n)));
    }

    /** Bytes queued on the connection but not yet taken by the socket. */
    public long pendingBytes() {
        return queued.get();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public void onClose(Runnable action) {
        channel.closeFuture().addListener(f -> action.run());
    }

    public ScheduledFuture<?> every(long millis, Runnable action) {
        return channel.eventLoop().scheduleAtFixedRate(action, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Ends the body and closes the connection. */
    public void end() {
        execute(() -> channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE));
    }

    public void abort() {
        execute(channel::close);
    }

    /**
     * Always queued, even on the event loop: pieces then reach the wire in the order they were
     * handed over, whichever thread did it. An inline write from the event loop (a timer's ping)
     * could otherwise overtake pieces another thread queued before it, and M4F's per-message MACs
     * count each message's place in the stream.
     */
    void execute(Runnable r) {
        channel.eventLoop().execute(r);
    }
}
