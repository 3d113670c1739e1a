package io.cascade.bench;

import io.cascade.rtmp.HandshakeCompleted;
import io.cascade.rtmp.ProtocolControl;
import io.cascade.rtmp.RtmpCommand;
import io.cascade.rtmp.RtmpMessage;
import io.cascade.rtmp.RtmpMessageType;
import io.cascade.rtmp.RtmpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One RTMP viewer of the load client: connect, createStream, play, then count bytes and media
 * messages. Chunks are parsed only far enough to follow message boundaries; media payloads are
 * skipped, never copied, so thousands of viewers cost the client little CPU. Only control and
 * command messages are assembled. Acknowledgements are sent as the server's window asks.
 * All state is touched by the channel's event loop only, except the counters the reporter reads.
 */
final class ViewerConnection extends CountingViewer {
    private static final double CONNECT = 1;
    private static final double CREATE_STREAM = 2;
    private static final int PLAY_CSID = 8;
    /** Basic header (3) + type 0 message header (11) + extended timestamp (4). */
    private static final int MAX_HEADER = 18;
    private static final long EXTENDED = 0xFFFFFF;

    private final String app;
    private final String tcUrl;
    private final String name;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private final ByteBuf pending = Unpooled.buffer(MAX_HEADER * 2);
    private ChunkStream current;
    private int chunkLeft;
    private int chunkSize = 128;
    private long window;
    private long lastAcknowledged;

    // read by the reporter thread
    /** How much later than its timestamps the newest video arrived, relative to the best so far. */
    private volatile long lagMillis;
    private long bestOffset = Long.MAX_VALUE;

    /** One chunk stream's header state and, for messages we read, the payload so far. */
    private static final class ChunkStream {
        int length;
        int typeId;
        int streamId;
        long timestamp;
        long delta;
        boolean extended;
        int remaining;
        ByteBuf payload;
    }

    ViewerConnection(String app, String tcUrl, String name) {
        this.app = app;
        this.tcUrl = tcUrl;
        this.name = name;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == HandshakeCompleted.INSTANCE) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("app", app);
            o.put("flashVer", "LNX 9,0,124,2");
            o.put("tcUrl", tcUrl);
            o.put("fpad", false);
            o.put("capabilities", 15.0);
            o.put("audioCodecs", 3191.0);
            o.put("videoCodecs", 252.0);
            o.put("videoFunction", 1.0);
            ctx.writeAndFlush(RtmpCommand.of("connect", CONNECT, o).toMessage(0));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ByteBuf in = (ByteBuf) msg;
        try {
            received(in.readableBytes());
            acknowledge(ctx);
            if (pending.isReadable() && !completePendingHeader(ctx, in)) {
                return;
            }
            parse(ctx, in);
        } finally {
            in.release();
        }
    }

    private void acknowledge(ChannelHandlerContext ctx) {
        long bytes = bytes();
        if (window > 0 && bytes - lastAcknowledged >= window) {
            lastAcknowledged = bytes;
            ctx.writeAndFlush(ProtocolControl.acknowledgement(bytes & 0xFFFFFFFFL));
        }
    }

    private void parse(ChannelHandlerContext ctx, ByteBuf in) throws RtmpProtocolException {
        while (in.isReadable()) {
            if (chunkLeft > 0) {
                consumePayload(ctx, in, Math.min(chunkLeft, in.readableBytes()));
            } else if (!readHeader(ctx, in)) {
                pending.writeBytes(in);
                return;
            }
        }
    }

    /** A header split across reads: borrows just enough bytes from {@code in} to finish it. */
    private boolean completePendingHeader(ChannelHandlerContext ctx, ByteBuf in) throws RtmpProtocolException {
        int held = pending.readableBytes();
        int take = Math.min(in.readableBytes(), MAX_HEADER - held);
        pending.writeBytes(in, in.readerIndex(), take);
        int start = pending.readerIndex();
        if (!readHeader(ctx, pending)) {
            in.skipBytes(take);
            return false;
        }
        int headerLength = pending.readerIndex() - start;
        in.skipBytes(headerLength - held);
        pending.clear();
        return true;
    }

    /** Reads one chunk header; false, with nothing consumed, when its bytes are not all there. */
    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in) throws RtmpProtocolException {
        int start = in.readerIndex();
        int b0 = in.readUnsignedByte();
        int fmt = b0 >>> 6;
        int csid = b0 & 0x3F;
        int extra = csid == 0 ? 1 : csid == 1 ? 2 : 0;
        int messageHeader = fmt == 0 ? 11 : fmt == 1 ? 7 : fmt == 2 ? 3 : 0;
        if (in.readableBytes() < extra + messageHeader) {
            in.readerIndex(start);
            return false;
        }
        if (csid == 0) {
            csid = 64 + in.readUnsignedByte();
        } else if (csid == 1) {
            csid = 64 + in.readUnsignedByte() + (in.readUnsignedByte() << 8);
        }
        ChunkStream cs = streams.get(csid);
        if (cs == null) {
            if (fmt != 0) {
                throw new RtmpProtocolException("chunk type " + fmt + " on new chunk stream " + csid);
            }
            cs = new ChunkStream();
        }
        long field = fmt <= 2 ? in.readUnsignedMedium() : 0;
        int length = fmt <= 1 ? in.readUnsignedMedium() : cs.length;
        int typeId = fmt <= 1 ? in.readUnsignedByte() : cs.typeId;
        int streamId = fmt == 0 ? in.readIntLE() : cs.streamId;
        boolean extended = fmt <= 2 ? field == EXTENDED : cs.extended;
        if (extended) {
            if (in.readableBytes() < 4) {
                in.readerIndex(start);
                return false;
            }
            long value = in.readUnsignedInt();
            if (fmt <= 2) {
                field = value;
            }
        }
        streams.putIfAbsent(csid, cs);
        cs.extended = extended;
        if (cs.remaining == 0) {
            startMessage(cs, fmt, field, length, typeId, streamId);
        }
        current = cs;
        chunkLeft = Math.min(chunkSize, cs.remaining);
        if (cs.remaining == 0) {
            onMessage(ctx, cs); // an empty message
        }
        return true;
    }

    private static void startMessage(ChunkStream cs, int fmt, long field, int length, int typeId, int streamId) {
        if (fmt == 0) {
            cs.timestamp = field;
            cs.delta = 0;
        } else if (fmt <= 2) {
            cs.delta = field;
            cs.timestamp += field;
        } else {
            cs.timestamp += cs.delta;
        }
        cs.length = length;
        cs.typeId = typeId;
        cs.streamId = streamId;
        cs.remaining = length;
        boolean media = typeId == RtmpMessageType.VIDEO || typeId == RtmpMessageType.AUDIO
                || typeId == RtmpMessageType.DATA_AMF0 || typeId == RtmpMessageType.DATA_AMF3;
        if (!media) {
            cs.payload = Unpooled.buffer(length);
        }
    }

    private void consumePayload(ChannelHandlerContext ctx, ByteBuf in, int n) throws RtmpProtocolException {
        ChunkStream cs = current;
        if (cs.payload != null) {
            cs.payload.writeBytes(in, n);
        } else {
            in.skipBytes(n);
        }
        cs.remaining -= n;
        chunkLeft -= n;
        if (cs.remaining == 0) {
            onMessage(ctx, cs);
        }
    }

    private void onMessage(ChannelHandlerContext ctx, ChunkStream cs) throws RtmpProtocolException {
        ByteBuf payload = cs.payload;
        cs.payload = null;
        switch (cs.typeId) {
            case RtmpMessageType.VIDEO -> onMedia(cs.timestamp, true);
            case RtmpMessageType.AUDIO -> onMedia(cs.timestamp, false);
            case RtmpMessageType.SET_CHUNK_SIZE -> chunkSize = ProtocolControl.intValue(payload) > 0
                    ? (int) ProtocolControl.intValue(payload) : chunkSize;
            case RtmpMessageType.WINDOW_ACK_SIZE -> window = ProtocolControl.intValue(payload);
            case RtmpMessageType.USER_CONTROL -> {
                if (ProtocolControl.userControlEvent(payload) == ProtocolControl.PING_REQUEST) {
                    ctx.writeAndFlush(ProtocolControl.pingResponse(ProtocolControl.userControlValue(payload)));
                }
            }
            case RtmpMessageType.COMMAND_AMF0, RtmpMessageType.COMMAND_AMF3 ->
                    onCommand(ctx, RtmpCommand.readCommand(new RtmpMessage(RtmpCommand.COMMAND_CSID, cs.typeId, cs.streamId, cs.timestamp, payload)));
            default -> {
                // nothing to answer
            }
        }
    }

    private void onMedia(long timestamp, boolean video) {
        playing();
        if (video) {
            long offset = System.currentTimeMillis() - timestamp;
            bestOffset = Math.min(bestOffset, offset);
            lagMillis = offset - bestOffset;
        }
    }

    private void onCommand(ChannelHandlerContext ctx, RtmpCommand c) {
        switch (c.name()) {
            case "_result" -> {
                if (c.transaction() == CONNECT) {
                    ctx.writeAndFlush(RtmpCommand.of("createStream", CREATE_STREAM, (Object) null).toMessage(0));
                } else if (c.transaction() == CREATE_STREAM) {
                    int streamId = c.argument(1) instanceof Double d ? d.intValue() : 1;
                    RtmpMessage play = RtmpCommand.of("play", 0, null, name, -2000.0).toMessage(streamId);
                    ctx.write(new RtmpMessage(PLAY_CSID, play.typeId(), streamId, 0, play.payload()));
                    ctx.writeAndFlush(ProtocolControl.setBufferLength(streamId, 1000));
                }
            }
            case "_error" -> fail(ctx, "refused: " + c.arguments());
            case "onStatus" -> {
                Object info = c.argument(1);
                if (info instanceof Map<?, ?> m && "error".equals(m.get("level"))) {
                    fail(ctx, String.valueOf(m.get("code")));
                }
            }
            default -> {
                // onBWDone and the like
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        failed(why);
        ctx.close();
    }

    @Override
    public long lagMillis(long nowNanos) {
        return lagMillis;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        pending.release();
        streams.values().forEach(cs -> {
            if (cs.payload != null) {
                cs.payload.release();
            }
        });
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        noted(cause.toString());
        ctx.close();
    }
}
