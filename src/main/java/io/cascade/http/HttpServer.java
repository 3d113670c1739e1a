package io.cascade.http;

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
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.List;
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
        RequestRouter router = new RequestRouter(routes);
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
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec(4096, 8192, 8192))
                                .addLast(new HttpObjectAggregator(MAX_REQUEST))
                                .addLast(new IdleCloser())
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
