package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A binary frame interleaved in the RTSP connection (RFC 2326 10.12): {@code $}, a channel byte,
 * a 16-bit length and that many bytes of RTP or RTCP. The receiver releases it.
 */
public final class InterleavedFrame extends DefaultByteBufHolder {
    private final int channel;

    public InterleavedFrame(int channel, ByteBuf payload) {
        super(payload);
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("channel out of range: " + channel);
        }
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }
}
