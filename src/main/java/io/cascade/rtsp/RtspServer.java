package io.cascade.rtsp;

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
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The RTSP server: a TCP listener for RTSP connections (with RTP interleaved in them) and one
 * UDP port pair for RTP over UDP. Pipeline of a connection: connection gate → decoder → encoder →
 * session. It asks {@link RtspHooks} for the media a viewer names.
 */
public final class RtspServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtspServer.class);

    private final int requestedPort;
    private final RtspHooks hooks;
    private final RtspLimits limits;
    private final ChannelHandler connectionGate;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private RtpUdpEndpoint udp;

    /**
     * @param port           the TCP port, 0 for any free one (see {@link #port()})
     * @param connectionGate a {@link ChannelHandler.Sharable} handler put first in every
     *                       connection's pipeline, which may refuse it; null for none
     */
    public RtspServer(int port, RtspHooks hooks, RtspLimits limits, ChannelHandler connectionGate) {
        this.requestedPort = port;
        this.hooks = hooks;
        this.limits = limits;
        this.connectionGate = connectionGate;
    }

    /** Binds the ports; returns once the server accepts connections. */
    public synchronized RtspServer start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        udp = RtpUdpEndpoint.bind(workerGroup);
        RtspEncoder encoder = new RtspEncoder();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.viewerQueueBytes() / 2, limits.viewerQueueBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connectionGate != null) {
                            ch.pipeline().addLast("connectionGate", connectionGate);
                        }
                        ch.pipeline()
                                .addLast("written", new WrittenBytes())
                                .addLast("decoder", new RtspDecoder(limits))
                                .addLast("encoder", encoder)
                                .addLast("session", new RtspServerSession(hooks, limits, udp));
                    }
                });
        try {
            serverChannel = bootstrap.bind(requestedPort).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("RTSP listening on port {}{}", port(), udp == null ? " (TCP only)" : ", RTP over UDP from ports "
                + udp.rtpPort() + "-" + (udp.rtpPort() + 1));
        return this;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The server's RTP port (RTCP is the next), empty when UDP is off. */
    public OptionalInt udpPort() {
        return udp == null ? OptionalInt.empty() : OptionalInt.of(udp.rtpPort());
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (udp != null) {
            udp.close();
            udp = null;
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup = null;
            workerGroup = null;
        }
    }
}
