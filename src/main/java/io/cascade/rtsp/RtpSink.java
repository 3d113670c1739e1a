package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * Where one viewer's packets go: its RTSP connection (interleaved) or UDP. Packets are handed
 * over in their shared interleaved form — {@code $}, channel {@code 2 × track index} (+1 for
 * RTCP), 16-bit length, the packet — several of one channel back to back in one buffer (a
 * frame's), so most viewers take the very bytes every other viewer takes, in one write; a sink
 * adapts them to its transport.
 */
public interface RtpSink {
    /** False while the viewer's queue is full: it should skip to the next keyframe. */
    boolean writable();

    /**
     * False when the viewer should not be sent the cached frames since the last keyframe at once
     * on start: a burst of a whole GOP overflows a UDP receiver's socket buffer, so UDP viewers
     * start on the next keyframe instead.
     */
    default boolean takesBursts() {
        return true;
    }

    /** Sends the packets in one go; takes over one reference of each. */
    void send(List<ByteBuf> packets);

    /** Ends the viewer's connection, logging {@code why}. */
    void close(String why);

    /** The peer, for log lines. */
    String peer();

    /** Calls {@code each} with the offset and length of every packet (after its 4-byte framing) in {@code buffer}. */
    static void forEachPacket(ByteBuf buffer, java.util.function.BiConsumer<Integer, Integer> each) {
        int at = buffer.readerIndex();
        int end = buffer.writerIndex();
        while (at + 4 <= end) {
            int length = buffer.getUnsignedShort(at + 2);
            each.accept(at + 4, length);
            at += 4 + length;
        }
    }

    /** The track index of an interleaved-form buffer. */
    static int track(ByteBuf packet) {
        return packet.getUnsignedByte(packet.readerIndex() + 1) >> 1;
    }

    /** True when an interleaved-form buffer is RTCP. */
    static boolean rtcp(ByteBuf packet) {
        return (packet.getUnsignedByte(packet.readerIndex() + 1) & 1) != 0;
    }
}
