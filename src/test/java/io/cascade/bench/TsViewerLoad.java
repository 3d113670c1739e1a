package io.cascade.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

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

    /** One viewer: a GET, then bytes counted as they come. */
    private static final class Viewer extends CountingViewer {
        private final String request;

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
            received(b.readableBytes());
            playing();
            b.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            noted(cause.toString());
            ctx.close();
        }

        /** Its silence: the stream comes a segment at a time. */
        @Override
        public long lagMillis(long nowNanos) {
            return (nowNanos - lastByteNanos()) / 1_000_000;
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
