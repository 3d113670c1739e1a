package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Packets as UDP datagrams to the viewer's client ports, from the server's shared UDP pair. Always
 * "writable": a datagram the socket cannot take now is dropped, so a UDP viewer never holds
 * anything up, and it never needs to skip (it loses packets instead, as UDP does).
 */
final class UdpSink implements RtpSink {
    private final RtpUdpEndpoint endpoint;
    private final Channel connection;
    private final InetSocketAddress[] rtp;
    private final InetSocketAddress[] rtcp;

    /** @param ports the client's RTP port of each track index, 0 for a track not set up */
    UdpSink(RtpUdpEndpoint endpoint, Channel connection, InetAddress client, int[] ports) {
        this.endpoint = endpoint;
        this.connection = connection;
        this.rtp = new InetSocketAddress[ports.length];
        this.rtcp = new InetSocketAddress[ports.length];
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] > 0) {
                rtp[i] = new InetSocketAddress(client, ports[i]);
                rtcp[i] = new InetSocketAddress(client, ports[i] + 1);
            }
        }
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public boolean takesBursts() {
        return false;
    }

    @Override
    public void send(List<ByteBuf> packets) {
        endpoint.execute(() -> write(packets));
    }

    private void write(List<ByteBuf> packets) {
        for (ByteBuf p : packets) {
            int track = RtpSink.track(p);
            boolean control = RtpSink.rtcp(p);
            InetSocketAddress to = track < rtp.length ? (control ? rtcp[track] : rtp[track]) : null;
            if (to == null) {
                p.release();
                continue;
            }
            RtpSink.forEachPacket(p, (at, length) -> endpoint.send(control, p.retainedSlice(at, length), to));
            p.release();
        }
        endpoint.flush();
    }

    @Override
    public void close(String why) {
        connection.close();
    }

    @Override
    public String peer() {
        return String.valueOf(connection.remoteAddress());
    }
}
