package io.cascade.http;

import io.cascade.net.ConnectionGate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The HTTP listener. */
public final class HttpServer implements AutoCloseable {
    /** Requests are small GETs; anything bigger is refused by the aggregator. */
    private static final int MAX_REQUEST = 64 * 1024;

    /** Linux's epoll when its native library loads: fewer copies and syscalls than NIO. */
    private static final boolean EPOLL = Epoll.isAvailable();

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioHandler());
    /** One event loop per core: more only adds switching, since no handler blocks. */
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(), ioHandler());
    private final Channel channel;

    public HttpServer(String host, int port, List<Route> routes) throws InterruptedException {
        this(host, port, routes, HttpLimits.DEFAULTS, Optional.empty());
    }

    /**
     * @param limits the timeouts of every connection
     * @param gate   the connection limits, installed first on every connection; may be shared with
     *               other listeners
     */
    public HttpServer(String host, int port, List<Route> routes, HttpLimits limits, Optional<ConnectionGate> gate)
            throws InterruptedException {
        RequestRouter router = new RequestRouter(routes);
        ResponseHeaders responseHeaders = new ResponseHeaders(Clock.systemUTC());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                // A restarted server must get its port back while old connections linger in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        gate.ifPresent(g -> ch.pipeline().addLast(g));
                        RequestTimeouts timeouts = new RequestTimeouts(limits);
                        ch.pipeline()
                                .addLast(timeouts.bytes())
                                .addLast(timeouts.stalls())
                                .addLast(new HttpServerCodec(4096, 8192, 8192))
                                .addLast(responseHeaders)
                                // Closes on a failed expectation; a request it answers itself (413,
                                // 417) and discards never reaches the request clock's end below,
                                // so such a connection is still cut by request_timeout.
                                .addLast(new HttpObjectAggregator(MAX_REQUEST, true))
                                .addLast(timeouts.messages())
                                .addLast(router);
                    }
                });
        try {
            channel = b.bind(new InetSocketAddress(host, port)).sync().channel();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private static IoHandlerFactory ioHandler() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
