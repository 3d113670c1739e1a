package io.cascade.rtmp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays a stream from another RTMP server ({@code rtmp://host[:port]/app/name}) and delivers its
 * tracks and frames to a {@link PublishSession}, as if it were a publisher. One connection per
 * puller; reconnecting is the caller's choice (make a new puller).
 */
public final class RtmpPuller implements AutoCloseable {
    private final RtmpUrl url;
    private final PublishSession sink;
    private final RtmpLimits limits;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Channel channel;

    /** @throws IllegalArgumentException when {@code url} is not an rtmp://host/app/name URL */
    public RtmpPuller(String url, PublishSession sink) {
        this(RtmpUrl.parse(url), sink, RtmpLimits.DEFAULT, null);
    }

    /** @param group the event loop to use, or null for one of its own (shut down by {@link #close()}) */
    public RtmpPuller(RtmpUrl url, PublishSession sink, RtmpLimits limits, EventLoopGroup group) {
        this.url = url;
        this.sink = sink;
        this.limits = limits;
        this.ownsGroup = group == null;
        this.group = group != null ? group : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    public RtmpUrl url() {
        return url;
    }

    /**
     * Connects and asks to play. The future completes when playback has begun, or fails with an
     * {@link java.io.IOException} saying why (refused connection, server status, protocol error,
     * no answer within the handshake timeout).
     */
    public CompletableFuture<Void> start() {
        long timeoutMillis = limits.handshakeTimeout().toMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        AcknowledgementHandler acknowledgements = new AcknowledgementHandler();
                        ch.pipeline()
                                .addLast("acknowledgements", acknowledgements)
                                .addLast("handshake", new ClientHandshakeHandler())
                                .addLast("chunkDecoder", new RtmpChunkDecoder(limits))
                                .addLast("chunkEncoder", new RtmpChunkEncoder())
                                .addLast("session", new RtmpPullSession(url, sink, acknowledgements, started, limits));
                    }
                });
        ChannelFuture connect = bootstrap.connect(url.host(), url.port());
        channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                started.completeExceptionally(new RtmpProtocolException("cannot connect to " + url, f.cause()));
                closed.complete(null);
            }
        });
        channel.closeFuture().addListener(f -> closed.complete(null));
        group.schedule(() -> {
            if (started.completeExceptionally(new RtmpProtocolException(
                    "no playback from " + url + " within " + timeoutMillis + " ms"))) {
                channel.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        return started;
    }

    /** Completes when the connection has ended, for whatever reason. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
