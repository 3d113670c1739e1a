package io.cascade.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP MPEG-TS load client for {@code bench/mpegts-viewers.sh}: N viewers of one
 * {@code /NAME/mpegts} URL (a bare GET on a socket of its own, the response counted and dropped
 * unparsed) held and measured by {@link ViewerLoad}. The stream comes a segment at a time, so a
 * viewer counts as receiving when it got bytes in the last 3 s, and its lag is its silence: how
 * long it has gone without a byte.
 *
 * <pre>
 * java -cp cascade.jar:test-classes io.cascade.bench.TsViewerLoad URL VIEWERS HOLD_SECONDS
 *      [--pids P1,P2] [--label NAME] [--rate CONNECTS_PER_SECOND] [--threads N] [--ticks CLK_TCK]
 * </pre>
 */
public final class TsViewerLoad {
    private static final int DEFAULT_PORT = 80;
    private static final int RECEIVING_SECONDS = 3;

    /** One viewer: bytes so far, when the last came. */
    private static final class Viewer extends ChannelInboundHandlerAdapter implements LoadViewer {
        private final String request;
        private volatile State state = State.CONNECTING;
        private volatile long bytes;
        private volatile long lastNanos;
        private volatile boolean closing;
        private volatile String failure;

        Viewer(String request) {
            this.request = request;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            bytes += b.readableBytes();
            lastNanos = System.nanoTime();
            state = State.PLAYING;
            b.release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!closing) {
                state = state == State.PLAYING ? State.DROPPED : State.FAILED;
                if (failure == null) {
                    failure = "closed by the server";
                }
            } else if (state != State.FAILED) {
                state = State.CLOSED;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause.toString();
            ctx.close();
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
        public long lagMillis(long nowNanos) {
            return (nowNanos - lastNanos) / 1_000_000;
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
            failure = why;
            state = State.FAILED;
        }

        @Override
        public void markClosing() {
            closing = true;
        }
    }

    private TsViewerLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadArguments load = LoadArguments.parse("TsViewerLoad", "tshttp", args);
        URI url = load.url();
        int port = load.port(DEFAULT_PORT);
        String request = "GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port + "\r\n\r\n";
        ViewerLoad.run(load, new ViewerLoad.Measures("silence", RECEIVING_SECONDS), bootstrap -> {
            Viewer viewer = new Viewer(request);
            return new ViewerLoad.Opened(viewer, bootstrap.handler(viewer).connect(url.getHost(), port));
        });
    }
}
