package io.cascade.rtspinput;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The two UDP ports of one track (RTP on an even port, RTCP on the next) for RTP over UDP.
 * Datagrams from any address but the RTSP server's are dropped, so no third party can inject
 * media into the stream by guessing a port.
 */
final class UdpPair {
    /** The receive buffer asked for: a few seconds of a camera's bitrate, so a busy moment loses nothing. */
    static final int RECEIVE_BUFFER = 4 << 20;
    private static final int BIND_ATTEMPTS = 32;

    interface Receiver {
        void onDatagram(int index, boolean rtcp, ByteBuf bytes);
    }

    private final Channel rtp;
    private final Channel rtcp;
    private final java.net.InetAddress server;
    private volatile InetSocketAddress serverRtcp;

    private UdpPair(Channel rtp, Channel rtcp, java.net.InetAddress server) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.server = server;
    }

    static UdpPair bind(EventLoopGroup group, SocketAddress rtspServer, int index, Receiver receiver) throws IOException {
        java.net.InetAddress server = ((InetSocketAddress) rtspServer).getAddress();
        UdpPair[] self = new UdpPair[1];
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            Channel first = open(group, 0, index, false, receiver, self);
            int port = ((InetSocketAddress) first.localAddress()).getPort();
            if (port % 2 != 0 || port == 65534) {
                first.close();
                continue;
            }
            Channel second;
            try {
                second = open(group, port + 1, index, true, receiver, self);
            } catch (IOException e) {
                first.close();
                continue;
            }
            self[0] = new UdpPair(first, second, server);
            return self[0];
        }
        throw new IOException("no free pair of UDP ports for RTP and RTCP");
    }

    private static Channel open(EventLoopGroup group, int port, int index, boolean isRtcp, Receiver receiver, UdpPair[] self)
            throws IOException {
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        UdpPair pair = self[0];
                        if (pair != null && packet.sender().getAddress().equals(pair.server)) {
                            receiver.onDatagram(index, isRtcp, packet.content());
                        }
                    }
                });
        var future = b.bind(port).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("cannot bind UDP port " + port, future.cause());
        }
        return future.channel();
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    /** The server's ports from its SETUP answer; without them no receiver report is sent. */
    void serverPorts(int[] ports) {
        if (ports != null) {
            serverRtcp = new InetSocketAddress(server, ports[1]);
        }
    }

    void sendRtcp(ByteBuf report) {
        InetSocketAddress to = serverRtcp;
        if (to == null) {
            report.release();
            return;
        }
        rtcp.writeAndFlush(new DatagramPacket(report, to));
    }

    void close() {
        rtp.close();
        rtcp.close();
    }
}
