package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;

/**
 * Encodes RTSP requests and responses; a Content-Length is added for a body. Interleaved frames
 * are written as ready-made bytes and pass this encoder untouched.
 */
@ChannelHandler.Sharable
public final class RtspEncoder extends MessageToByteEncoder<RtspMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, RtspMessage msg, ByteBuf out) {
        encode(msg, out);
    }

    public static void encode(RtspMessage msg, ByteBuf out) {
        StringBuilder head = new StringBuilder(256);
        switch (msg) {
            case RtspRequest r -> head.append(r.method()).append(' ').append(r.uri()).append(' ').append(r.version());
            case RtspResponse r -> head.append(r.version()).append(' ').append(r.status()).append(' ').append(r.reason());
        }
        head.append("\r\n");
        for (String[] f : msg.headers().fields()) {
            if (!f[0].equalsIgnoreCase("Content-Length")) {
                head.append(f[0]).append(": ").append(f[1].replace('\r', ' ').replace('\n', ' ')).append("\r\n");
            }
        }
        if (msg.body().length > 0) {
            head.append("Content-Length: ").append(msg.body().length).append("\r\n");
        }
        head.append("\r\n");
        out.writeCharSequence(head, StandardCharsets.UTF_8);
        out.writeBytes(msg.body());
    }
}
