package io.cascade.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The counters every load viewer keeps, as {@link ViewerLoad} reads them, and what its
 * connection came to: a close the load client did not ask for is a drop once it played, else a failure.
 */
abstract class CountingViewer extends ChannelInboundHandlerAdapter implements LoadViewer {
    private volatile State state = State.CONNECTING;
    private volatile long bytes;
    private volatile long lastNanos;
    private volatile String failure;
    private volatile boolean closing;

    /** {@code n} bytes came now (called on the viewer's event loop only). */
    final void received(long n) {
        bytes += n;
        lastNanos = System.nanoTime();
    }

    final void playing() {
        state = State.PLAYING;
    }

    /** The viewer failed for {@code why}: its close that follows is no drop. */
    final void failed(String why) {
        failure = why;
        state = State.FAILED;
        closing = true;
    }

    /** What went wrong, for the report, without deciding what the connection came to. */
    final void noted(String why) {
        failure = why;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!closing) {
            state = state == State.PLAYING ? State.DROPPED : State.FAILED;
            if (failure == null) {
                failure = "closed by the server";
            }
        } else if (state != State.FAILED) {
            state = State.CLOSED;
        }
        super.channelInactive(ctx);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public long lastByteNanos() {
        return lastNanos;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void connectFailed(String why) {
        failed(why);
    }

    @Override
    public void markClosing() {
        closing = true;
    }
}
