package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;

/**
 * Packets interleaved in the viewer's RTSP connection. A viewer whose SETUP asked for the
 * channels this server would pick anyway (track index × 2, what clients ask) takes the shared
 * bytes as they are; one that asked for others gets a copy with its channel bytes.
 */
final class TcpInterleavedSink implements RtpSink {
    private static final Logger log = LoggerFactory.getLogger(TcpInterleavedSink.class);
    private static final io.cascade.net.RateLimitedLog disconnects = new io.cascade.net.RateLimitedLog(log, 5_000);

    private final Channel channel;
    /** The RTP channel of each track index, -1 for a track not set up. */
    private final int[] channels;

    TcpInterleavedSink(Channel channel, int[] channels) {
        this.channel = channel;
        this.channels = channels.clone();
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public void send(List<ByteBuf> packets) {
        if (channel.eventLoop().inEventLoop()) {
            write(packets);
        } else {
            channel.eventLoop().execute(() -> write(packets));
        }
    }

    private void write(List<ByteBuf> packets) {
        for (ByteBuf p : packets) {
            int track = RtpSink.track(p);
            int target = track < channels.length ? channels[track] : -1;
            if (target < 0 || !channel.isActive()) {
                p.release();
                continue;
            }
            int wanted = target + (RtpSink.rtcp(p) ? 1 : 0);
            if (wanted == p.getUnsignedByte(p.readerIndex() + 1)) {
                channel.write(p, channel.voidPromise());
            } else {
                ByteBuf copy = channel.alloc().buffer(p.readableBytes());
                copy.writeBytes(p, p.readerIndex(), p.readableBytes());
                RtpSink.forEachPacket(copy, (at, length) -> copy.setByte(at - 3, wanted));
                p.release();
                channel.write(copy, channel.voidPromise());
            }
        }
        channel.flush();
    }

    @Override
    public void close(String why) {
        disconnects.warn("RTSP viewer " + channel.remoteAddress() + ": " + why + ", disconnecting");
        channel.close();
    }

    @Override
    public String peer() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public String toString() {
        return "TCP " + peer() + " channels " + Arrays.toString(channels);
    }
}
