package io.cascade.rtsp;

import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtpFormatException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's UDP port pair (RTP on an even port, RTCP on the next), shared by every UDP viewer.
 * What viewers send to it (receiver reports) only tells the server that their session is alive;
 * datagrams from addresses no session expects, or that are no RTCP, are dropped unread.
 */
final class RtpUdpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtpUdpEndpoint.class);
    private static final int ATTEMPTS = 20;
    /**
     * Datagrams of every UDP viewer queue here together (a keyframe for each of them at once):
     * beyond the high mark new ones are dropped, never held, so memory stays bounded.
     */
    private static final WriteBufferWaterMark QUEUE = new WriteBufferWaterMark(8 << 20, 16 << 20);
    private static final int SOCKET_BUFFER = 4 << 20;

    private final Channel rtp;
    private final Channel rtcp;
    /**
     * The sessions to refresh, by client address and RTCP port. Any RTCP from a client's address
     * refreshes its sessions: behind a NAT its reports come from another port than it announced.
     */
    private final Map<InetAddress, Map<Integer, Runnable>> listeners = new ConcurrentHashMap<>();

    private RtpUdpEndpoint(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /** Binds an even/odd pair of free ports; null when none could be had (UDP viewers are then refused). */
    static RtpUdpEndpoint bind(EventLoopGroup group) {
        for (int i = 0; i < ATTEMPTS; i++) {
            RtpUdpEndpoint[] self = new RtpUdpEndpoint[1];
            // both sockets on one event loop, so a viewer's datagrams go out in one task
            Bootstrap b = new Bootstrap().group(group.next()).channel(NioDatagramChannel.class)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, QUEUE)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                    .handler(new Receiver(self));
            Channel even = null;
            try {
                even = b.bind(0).sync().channel();
                int port = ((InetSocketAddress) even.localAddress()).getPort();
                if (port % 2 != 0 || port == 65535) {
                    even.close().sync();
                    continue;
                }
                Channel odd = b.bind(port + 1).sync().channel();
                self[0] = new RtpUdpEndpoint(even, odd);
                return self[0];
            } catch (Exception e) {
                log.debug("RTSP: UDP port pair not bound: {}", e.toString());
                if (even != null) {
                    even.close();
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        log.warn("RTSP: found no free UDP port pair; RTP over UDP is off, viewers get TCP only");
        return null;
    }

    /** Both sockets of the pair hand what they receive to the endpoint. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final RtpUdpEndpoint[] endpoint;

        Receiver(RtpUdpEndpoint[] endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            if (endpoint[0] != null) {
                endpoint[0].received(msg);
            }
        }
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    void listen(InetSocketAddress clientRtcp, Runnable alive) {
        listeners.computeIfAbsent(clientRtcp.getAddress(), a -> new ConcurrentHashMap<>()).put(clientRtcp.getPort(), alive);
    }

    void forget(InetSocketAddress clientRtcp) {
        listeners.computeIfPresent(clientRtcp.getAddress(), (a, ports) -> {
            ports.remove(clientRtcp.getPort());
            return ports.isEmpty() ? null : ports;
        });
    }

    /** Runs {@code task} on the sockets' event loop. */
    void execute(Runnable task) {
        if (rtp.eventLoop().inEventLoop()) {
            task.run();
        } else {
            rtp.eventLoop().execute(task);
        }
    }

    /** Queues a datagram; call on the sockets' event loop ({@link #execute}). */
    void send(boolean control, ByteBuf datagram, InetSocketAddress to) {
        Channel ch = control ? rtcp : rtp;
        if (!ch.isWritable()) {
            datagram.release();
            return;
        }
        ch.write(new DatagramPacket(datagram, to), ch.voidPromise());
    }

    void flush() {
        rtp.flush();
        rtcp.flush();
    }

    private void received(DatagramPacket packet) {
        Map<Integer, Runnable> sessions = listeners.get(packet.sender().getAddress());
        if (sessions == null) {
            return;
        }
        try {
            RtcpPacket.readCompound(packet.content());
            sessions.values().forEach(Runnable::run);
        } catch (RtpFormatException e) {
            log.debug("RTSP: dropped a datagram from {} that is no RTCP: {}", packet.sender(), e.getMessage());
        }
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
