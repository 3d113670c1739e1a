package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One RTMP message, reassembled from its chunks. Reference counting delegates to the payload so
 * that Netty's handlers release it like any other buffer holder.
 *
 * @param csid      the chunk stream id it travelled on (2 = protocol control)
 * @param typeId    the message type, see {@link RtmpMessageType}
 * @param streamId  the message stream id (0 = the connection itself)
 * @param timestamp milliseconds, 32 bits unsigned, as carried on the wire
 * @param payload   the message body
 */
public record RtmpMessage(int csid, int typeId, int streamId, long timestamp, ByteBuf payload)
        implements ReferenceCounted {

    public RtmpMessage {
        if (csid < 2 || csid > 65599) {
            throw new IllegalArgumentException("chunk stream id out of range: " + csid);
        }
        timestamp &= 0xFFFFFFFFL;
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public RtmpMessage retain() {
        payload.retain();
        return this;
    }

    @Override
    public RtmpMessage retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public RtmpMessage touch() {
        payload.touch();
        return this;
    }

    @Override
    public RtmpMessage touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }

    @Override
    public String toString() {
        return "RtmpMessage[csid=" + csid + " type=" + typeId + " stream=" + streamId
                + " ts=" + timestamp + " len=" + payload.readableBytes() + "]";
    }
}
