package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles RTMP messages from the chunk stream (RTMP specification, section 5.3).
 *
 * <p>Handles the four chunk header types, extended timestamps (also repeated on type 3 chunks,
 * which is what Flash, librtmp and ffmpeg send although the specification is ambiguous), and the
 * two control messages that change how chunks are read: Set Chunk Size and Abort, which it
 * applies itself before passing them on. Sizes are bounded; a violation raises
 * {@link RtmpProtocolException} and the connection is closed.
 */
public final class RtmpChunkDecoder extends ByteToMessageDecoder {
    /** Real peers use a handful of chunk streams; more is an attempt to make us hold state. */
    static final int MAX_CHUNK_STREAMS = 256;
    /** Messages reassembled at the same time (interleaved on different chunk streams). */
    static final int MAX_PARTIAL_MESSAGES = 16;
    private static final int DEFAULT_CHUNK_SIZE = 128;
    private static final long EXTENDED = 0xFFFFFF;
    private static final int[] HEADER_SIZE = {11, 7, 3, 0};

    private final int maxMessageSize;
    private final int maxChunkSize;
    private final Map<Integer, ChunkStreamState> streams = new HashMap<>();
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    /** After a violation the connection is closing; bytes still arriving are dropped unread. */
    private boolean failed;

    public RtmpChunkDecoder(int maxMessageSize, int maxChunkSize) {
        this.maxMessageSize = maxMessageSize;
        this.maxChunkSize = maxChunkSize;
    }

    public RtmpChunkDecoder(RtmpLimits limits) {
        this(limits.maxMessageSize(), limits.maxChunkSize());
    }

    /** The chunk size the peer currently writes with. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                int start = in.readerIndex();
                if (!decodeChunk(ctx, in, out)) {
                    in.readerIndex(start);
                    return;
                }
            }
        } catch (RtmpProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Decodes one chunk if all its bytes are there; false (with nothing changed) when more are needed. */
    private boolean decodeChunk(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws RtmpProtocolException {
        int b0 = in.readUnsignedByte();
        int fmt = b0 >>> 6;
        int csid = b0 & 0x3F;
        if (csid == 0) {
            if (!in.isReadable()) {
                return false;
            }
            csid = 64 + in.readUnsignedByte();
        } else if (csid == 1) {
            if (in.readableBytes() < 2) {
                return false;
            }
            csid = 64 + in.readUnsignedByte() + (in.readUnsignedByte() << 8);
        }
        if (in.readableBytes() < HEADER_SIZE[fmt]) {
            return false;
        }
        ChunkStreamState cs = streams.get(csid);
        if (cs == null && fmt != 0) {
            throw new RtmpProtocolException("chunk type " + fmt + " on chunk stream " + csid
                    + " without a previous header");
        }
        long field = 0;
        int length = cs == null ? 0 : cs.length;
        int typeId = cs == null ? 0 : cs.typeId;
        int streamId = cs == null ? 0 : cs.streamId;
        if (fmt <= 2) {
            field = in.readUnsignedMedium();
        }
        if (fmt <= 1) {
            length = in.readUnsignedMedium();
            typeId = in.readUnsignedByte();
        }
        if (fmt == 0) {
            streamId = in.readIntLE();
        }
        boolean extended = fmt <= 2 ? field == EXTENDED : cs.extended;
        if (extended) {
            if (in.readableBytes() < 4) {
                return false;
            }
            if (fmt <= 2) {
                field = in.readUnsignedInt();
            } else if (in.getUnsignedInt(in.readerIndex()) == cs.timestampField) {
                // type 3 repeating the extended timestamp, as most encoders do
                in.skipBytes(4);
            }
        }
        if (fmt == 3) {
            field = cs.timestampField;
        }
        boolean continuation = fmt == 3 && cs.inProgress();
        if (!continuation && length > maxMessageSize) {
            throw new RtmpProtocolException("message of " + length + " bytes on chunk stream " + csid
                    + " exceeds the limit of " + maxMessageSize);
        }
        int received = continuation ? cs.partial.readableBytes() : 0;
        int dataBytes = Math.min(chunkSize, length - received);
        if (in.readableBytes() < dataBytes) {
            return false;
        }
        if (cs == null) {
            cs = openChunkStream(csid);
        }
        if (!continuation) {
            startMessage(ctx, cs, fmt, field, length, typeId, streamId, extended);
        }
        cs.partial.writeBytes(in, dataBytes);
        if (cs.partial.readableBytes() == cs.length) {
            ByteBuf payload = cs.partial;
            cs.partial = null;
            out.add(complete(new RtmpMessage(csid, cs.typeId, cs.streamId, cs.timestamp, payload)));
        }
        return true;
    }

    private ChunkStreamState openChunkStream(int csid) throws RtmpProtocolException {
        if (streams.size() >= MAX_CHUNK_STREAMS) {
            throw new RtmpProtocolException("more than " + MAX_CHUNK_STREAMS + " chunk streams");
        }
        ChunkStreamState cs = new ChunkStreamState();
        streams.put(csid, cs);
        return cs;
    }

    private void startMessage(ChannelHandlerContext ctx, ChunkStreamState cs, int fmt, long field, int length,
                              int typeId, int streamId, boolean extended) throws RtmpProtocolException {
        // a new header in the middle of a message abandons it, as if aborted
        cs.dropPartial();
        if (streams.values().stream().filter(ChunkStreamState::inProgress).count() >= MAX_PARTIAL_MESSAGES) {
            throw new RtmpProtocolException("more than " + MAX_PARTIAL_MESSAGES + " interleaved messages");
        }
        cs.timestamp = fmt == 0 ? field : (cs.timestamp + field) & 0xFFFFFFFFL;
        cs.timestampField = field;
        cs.length = length;
        cs.typeId = typeId;
        cs.streamId = streamId;
        cs.extended = extended;
        cs.partial = ctx.alloc().buffer(Math.min(length, 64 * 1024), Math.max(length, 1));
    }

    /** Applies the control messages that change the chunk layer before handing the message on. */
    private RtmpMessage complete(RtmpMessage m) throws RtmpProtocolException {
        if (m.typeId() == RtmpMessageType.SET_CHUNK_SIZE) {
            chunkSize = checkedChunkSize(m);
        } else if (m.typeId() == RtmpMessageType.ABORT && m.payload().readableBytes() >= 4) {
            ChunkStreamState aborted = streams.get(m.payload().getInt(m.payload().readerIndex()));
            if (aborted != null) {
                aborted.dropPartial();
            }
        }
        return m;
    }

    private int checkedChunkSize(RtmpMessage m) throws RtmpProtocolException {
        if (m.payload().readableBytes() < 4) {
            m.release();
            throw new RtmpProtocolException("Set Chunk Size message of " + m.payload().readableBytes() + " bytes");
        }
        long size = m.payload().getUnsignedInt(m.payload().readerIndex());
        if (size < 1 || size > maxChunkSize) {
            m.release();
            throw new RtmpProtocolException("Set Chunk Size " + size + " outside 1.." + maxChunkSize);
        }
        return (int) size;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        streams.values().forEach(ChunkStreamState::dropPartial);
        streams.clear();
    }
}
