package io.cascade.rtsp;

import io.cascade.net.PeerText;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client end of one RTSP connection (RFC 2326), on the codec the server uses: requests go
 * out with a CSeq and their responses come back as futures; interleaved frames go to a consumer
 * on the connection's event loop. A garbled answer, a response to no request or more requests in
 * flight than {@link #MAX_IN_FLIGHT} end the connection with the reason in {@link #failure()}.
 */
public final class RtspClientConnection {
    static final int MAX_IN_FLIGHT = 8;
    private static final String USER_AGENT = "Cascade";

    private final Channel channel;
    private final Map<Integer, CompletableFuture<RtspResponse>> pending = new HashMap<>();
    private int cseq;
    private volatile String failure;

    private RtspClientConnection(Channel channel) {
        this.channel = channel;
    }

    /**
     * Connects to {@code host:port}. Every interleaved frame goes to {@code frames}, which releases
     * it; it runs on {@link #channel()}'s event loop.
     */
    public static CompletableFuture<RtspClientConnection> connect(EventLoopGroup group, String host, int port,
                                                                  RtspLimits limits, Duration timeout,
                                                                  Consumer<InterleavedFrame> frames) {
        CompletableFuture<RtspClientConnection> result = new CompletableFuture<>();
        RtspClientConnection[] made = new RtspClientConnection[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        made[0] = new RtspClientConnection(ch);
                        ch.pipeline()
                                .addLast("decoder", new RtspDecoder(limits))
                                .addLast("encoder", new RtspEncoder())
                                .addLast("client", made[0].new Handler(frames));
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(made[0]);
            } else {
                result.completeExceptionally(new IOException("cannot connect to " + host + ":" + port + ": "
                        + f.cause().getMessage(), f.cause()));
            }
        });
        return result;
    }

    public Channel channel() {
        return channel;
    }

    /** Why the connection ended on its own, null while it has not. */
    public String failure() {
        return failure;
    }

    /** Sends a request; the future completes with its response, or fails when the connection ends first. */
    public CompletableFuture<RtspResponse> send(String method, String uri, RtspHeaders headers) {
        CompletableFuture<RtspResponse> response = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                response.completeExceptionally(new IOException(closedReason()));
                return;
            }
            if (pending.size() >= MAX_IN_FLIGHT) {
                response.completeExceptionally(new IOException("more than " + MAX_IN_FLIGHT + " RTSP requests unanswered"));
                return;
            }
            int n = ++cseq;
            RtspHeaders h = new RtspHeaders().add("CSeq", n).add("User-Agent", USER_AGENT);
            headers.fields().forEach(f -> h.add(f[0], f[1]));
            pending.put(n, response);
            channel.writeAndFlush(new RtspRequest(method, uri, h));
        });
        return response;
    }

    /** Writes ready-made bytes (an interleaved RTCP frame). */
    public void write(io.netty.buffer.ByteBuf bytes) {
        channel.writeAndFlush(bytes);
    }

    public void close() {
        channel.close();
    }

    private String closedReason() {
        return failure != null ? failure : "the RTSP server closed the connection";
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (failure == null) {
            failure = reason;
        }
        ctx.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        private final Consumer<InterleavedFrame> frames;

        Handler(Consumer<InterleavedFrame> frames) {
            super(false);
            this.frames = frames;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            switch (msg) {
                case InterleavedFrame f -> frames.accept(f);
                case RtspResponse r -> {
                    CompletableFuture<RtspResponse> waiting = r.cseq().isPresent() ? pending.remove(r.cseq().getAsInt()) : null;
                    if (waiting == null) {
                        fail(ctx, "RTSP response " + r.status() + " to no request sent (CSeq "
                                + PeerText.escape(r.headers().get("CSeq").orElse("none")) + ")");
                    } else {
                        waiting.complete(r);
                    }
                }
                case RtspRequest r -> {
                    // a server's own request (ANNOUNCE, GET_PARAMETER …): not needed by a player
                    RtspHeaders h = new RtspHeaders();
                    r.headers().get("CSeq").ifPresent(c -> h.add("CSeq", c));
                    ctx.writeAndFlush(new RtspResponse(RtspStatus.NOT_IMPLEMENTED, h, new byte[0]));
                }
                case RtspDecodeError e -> fail(ctx, "garbled RTSP answer (" + e.reason() + ")");
                default -> ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IOException closed = new IOException(closedReason());
            pending.values().forEach(f -> f.completeExceptionally(closed));
            pending.clear();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, "RTSP connection failed: " + PeerText.escape(String.valueOf(cause.getMessage())));
        }
    }
}
