package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Protocol control and user control messages (RTMP specification, sections 5.4 and 6.2), all
 * on chunk stream 2 and message stream 0.
 */
public final class ProtocolControl {
    public static final int CONTROL_CSID = 2;
    public static final int STREAM_BEGIN = 0;
    public static final int STREAM_EOF = 1;
    public static final int SET_BUFFER_LENGTH = 3;
    public static final int PING_REQUEST = 6;
    public static final int PING_RESPONSE = 7;
    /** Limit type of Set Peer Bandwidth: dynamic, as servers conventionally send it. */
    public static final int BANDWIDTH_DYNAMIC = 2;

    private ProtocolControl() {
    }

    public static RtmpMessage setChunkSize(int size) {
        return control(RtmpMessageType.SET_CHUNK_SIZE, Unpooled.buffer(4).writeInt(size));
    }

    public static RtmpMessage windowAcknowledgementSize(int size) {
        return control(RtmpMessageType.WINDOW_ACK_SIZE, Unpooled.buffer(4).writeInt(size));
    }

    public static RtmpMessage setPeerBandwidth(int size, int limitType) {
        return control(RtmpMessageType.SET_PEER_BANDWIDTH, Unpooled.buffer(5).writeInt(size).writeByte(limitType));
    }

    public static RtmpMessage acknowledgement(long sequenceNumber) {
        return control(RtmpMessageType.ACKNOWLEDGEMENT, Unpooled.buffer(4).writeInt((int) sequenceNumber));
    }

    public static RtmpMessage streamBegin(int streamId) {
        return userControl(STREAM_BEGIN, Unpooled.buffer(6).writeShort(STREAM_BEGIN).writeInt(streamId));
    }

    public static RtmpMessage streamEof(int streamId) {
        return userControl(STREAM_EOF, Unpooled.buffer(6).writeShort(STREAM_EOF).writeInt(streamId));
    }

    public static RtmpMessage setBufferLength(int streamId, int millis) {
        return userControl(SET_BUFFER_LENGTH,
                Unpooled.buffer(10).writeShort(SET_BUFFER_LENGTH).writeInt(streamId).writeInt(millis));
    }

    public static RtmpMessage pingResponse(long timestamp) {
        return userControl(PING_RESPONSE, Unpooled.buffer(6).writeShort(PING_RESPONSE).writeInt((int) timestamp));
    }

    /** The event type of a User Control message, -1 if too short. */
    public static int userControlEvent(ByteBuf payload) {
        return payload.readableBytes() >= 2 ? payload.getUnsignedShort(payload.readerIndex()) : -1;
    }

    /** The first 32-bit field after the event type (stream id, or timestamp for pings), 0 if absent. */
    public static long userControlValue(ByteBuf payload) {
        return payload.readableBytes() >= 6 ? payload.getUnsignedInt(payload.readerIndex() + 2) : 0;
    }

    /** The 32-bit value a control message carries (chunk size, window size …), -1 if too short. */
    public static long intValue(ByteBuf payload) {
        return payload.readableBytes() >= 4 ? payload.getUnsignedInt(payload.readerIndex()) : -1;
    }

    private static RtmpMessage userControl(int event, ByteBuf body) {
        return control(RtmpMessageType.USER_CONTROL, body);
    }

    private static RtmpMessage control(int type, ByteBuf body) {
        return new RtmpMessage(CONTROL_CSID, type, 0, 0, body);
    }
}
