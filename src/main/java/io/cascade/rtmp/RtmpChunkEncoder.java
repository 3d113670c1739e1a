package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Splits RTMP messages into chunks: a type 0 header on the first chunk and type 3 headers on
 * the continuations, so every message stands on its own and the same bytes can be written to
 * many connections. When it writes a Set Chunk Size message it switches to that size afterwards.
 */
public final class RtmpChunkEncoder extends MessageToByteEncoder<RtmpMessage> {
    private static final long EXTENDED = 0xFFFFFF;

    private int chunkSize = 128;

    public RtmpChunkEncoder() {
        super(RtmpMessage.class);
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
        write(msg, chunkSize, out);
        if (msg.typeId() == RtmpMessageType.SET_CHUNK_SIZE && msg.payload().readableBytes() >= 4) {
            chunkSize = msg.payload().getInt(msg.payload().readerIndex());
        }
    }

    /** The chunks of one message in a new buffer, to be shared read-only across connections. */
    public static ByteBuf encodeOnce(ByteBufAllocator alloc, RtmpMessage msg, int chunkSize) {
        int length = msg.payload().readableBytes();
        int chunks = Math.max(1, (length + chunkSize - 1) / chunkSize);
        ByteBuf out = alloc.buffer(length + 18 + chunks * 7);
        write(msg, chunkSize, out);
        return out;
    }

    /** Writes the message as chunks without consuming its payload. */
    static void write(RtmpMessage msg, int chunkSize, ByteBuf out) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize);
        }
        ByteBuf payload = msg.payload();
        int length = payload.readableBytes();
        long ts = msg.timestamp();
        boolean extended = ts >= EXTENDED;
        writeBasicHeader(out, 0, msg.csid());
        out.writeMedium((int) (extended ? EXTENDED : ts));
        out.writeMedium(length);
        out.writeByte(msg.typeId());
        out.writeIntLE(msg.streamId());
        if (extended) {
            out.writeInt((int) ts);
        }
        int offset = payload.readerIndex();
        int end = offset + length;
        do {
            int n = Math.min(chunkSize, end - offset);
            out.writeBytes(payload, offset, n);
            offset += n;
            if (offset < end) {
                writeBasicHeader(out, 3, msg.csid());
                if (extended) {
                    out.writeInt((int) ts);
                }
            }
        } while (offset < end);
    }

    private static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
        if (csid < 64) {
            out.writeByte(fmt << 6 | csid);
        } else if (csid < 320) {
            out.writeByte(fmt << 6);
            out.writeByte(csid - 64);
        } else {
            out.writeByte(fmt << 6 | 1);
            out.writeByte((csid - 64) & 0xFF);
            out.writeByte((csid - 64) >>> 8);
        }
    }
}
