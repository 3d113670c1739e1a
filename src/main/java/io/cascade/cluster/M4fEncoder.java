package io.cascade.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;

/**
 * Writes the messages of one M4F response, each followed by its MAC (see {@link M4fSessionMac}).
 * Thread-safe: messages get their sequence numbers in the order they are encoded, so whoever
 * writes them must write them in that order too (encode and write under one lock).
 */
public final class M4fEncoder {
    private final M4fSessionMac mac;

    public M4fEncoder(byte[] sessionKey) {
        this.mac = new M4fSessionMac(sessionKey);
    }

    public synchronized ByteBuf encode(M4fMessage m) {
        byte[] header = header(m.type(), m.payload().length);
        return Unpooled.wrappedBuffer(header, m.payload(), mac.next(header, m.payload()));
    }

    /** A chunk message; {@code chunk} is wrapped, never copied. */
    public synchronized ByteBuf encodeChunk(long number, byte[] chunk) {
        byte[] header = ByteBuffer.allocate(M4fMessage.HEADER + 8).put((byte) 'C').putInt(8 + chunk.length)
                .putLong(number).array();
        return Unpooled.wrappedBuffer(header, chunk, mac.next(header, chunk));
    }

    static byte[] header(char type, int length) {
        return ByteBuffer.allocate(M4fMessage.HEADER).put((byte) type).putInt(length).array();
    }
}
