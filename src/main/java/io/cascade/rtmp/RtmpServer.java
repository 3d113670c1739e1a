package io.cascade.rtmp;

import io.cascade.net.WrittenBytes;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The RTMP server: accepts publishers and players and asks {@link RtmpHooks} what to do with
 * them. Each connection is handshake → chunk decoder → session; a protocol violation closes
 * only that connection, and so does a connection that sits idle beyond the bounds of
 * {@link RtmpLimits} ({@link IdleConnectionGuard}).
 */
public final class RtmpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtmpServer.class);

    private final int requestedPort;
    private final RtmpHooks hooks;
    private final RtmpLimits limits;
    private final RtmpFanouts fanouts;
    private final ChannelHandler connectionGate;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    public RtmpServer(int port, RtmpHooks hooks) {
        this(port, hooks, RtmpLimits.DEFAULT);
    }

    /** @param port the TCP port, 0 for any free one (see {@link #port()}) */
    public RtmpServer(int port, RtmpHooks hooks, RtmpLimits limits) {
        this(port, hooks, limits, null);
    }

    /**
     * @param connectionGate a {@link ChannelHandler.Sharable} handler put first in every
     *                       connection's pipeline, which may refuse it (connection limits per
     *                       address and in all); null for none
     */
    public RtmpServer(int port, RtmpHooks hooks, RtmpLimits limits, ChannelHandler connectionGate) {
        this.connectionGate = connectionGate;
        this.requestedPort = port;
        this.hooks = hooks;
        this.limits = limits;
        this.fanouts = new RtmpFanouts(limits);
    }

    /** Binds the port; returns once the server accepts connections. */
    public synchronized RtmpServer start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.viewerQueueBytes() / 2, limits.viewerQueueBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        AcknowledgementHandler acknowledgements = new AcknowledgementHandler();
                        WrittenBytes written = new WrittenBytes();
                        if (connectionGate != null) {
                            ch.pipeline().addLast("connectionGate", connectionGate);
                        }
                        ch.pipeline()
                                .addLast("writtenBytes", written)
                                .addLast("acknowledgements", acknowledgements)
                                .addLast("handshake", new ServerHandshakeHandler(limits.handshakeTimeout()))
                                .addLast("chunkDecoder", new RtmpChunkDecoder(limits))
                                .addLast("chunkEncoder", new RtmpChunkEncoder())
                                .addLast("session", new RtmpServerSession(hooks, fanouts, acknowledgements, limits)
                                        .countingWith(written));
                    }
                });
        try {
            serverChannel = bootstrap.bind(requestedPort).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("RTMP listening on port {}", port());
        return this;
    }

    /** The port listened on. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Feeds with at least one viewer (each has one shared encoder). */
    public int activeFanouts() {
        return fanouts.fanoutCount();
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup = null;
            workerGroup = null;
        }
    }
}
