package io.cascade.bench;

import io.cascade.rtsp.InterleavedFrame;
import io.cascade.rtsp.RtspHeaders;
import io.cascade.rtsp.RtspRequest;
import io.cascade.rtsp.RtspResponse;
import io.cascade.media.Timebase;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One RTSP viewer of {@link RtspViewerLoad}: DESCRIBE, SETUP of every track interleaved, PLAY,
 * then counts the bytes and measures lag from the first track's RTP timestamps, which are the
 * stream's UTC time (Cascade's RTP timestamps are its 90 kHz timeline): lag is how much later than
 * the newest timestamp so far a packet arrives, relative to the viewer's best moment (the newest,
 * as B-frames make timestamps go back and forth in decode order).
 */
final class RtspBenchViewer extends CountingViewer {
    private final String url;
    private volatile long lagMillis;
    private final List<String> controls = new ArrayList<>();
    private int cseq;
    private int setUp;
    private String session;
    private long bestOffset = Long.MAX_VALUE;
    /** The newest presentation time seen: with B-frames timestamps go back and forth in decode order. */
    private long newest = -1;

    RtspBenchViewer(String url) {
        this.url = url;
    }

    @Override
    public long lagMillis(long nowNanos) {
        return lagMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx, "DESCRIBE", url, new RtspHeaders().add("Accept", "application/sdp"));
    }

    private void send(ChannelHandlerContext ctx, String method, String uri, RtspHeaders headers) {
        headers.add("CSeq", ++cseq);
        if (session != null) {
            headers.add("Session", session);
        }
        ctx.writeAndFlush(new RtspRequest(method, uri, headers));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame f) {
                media(f);
            } else if (msg instanceof RtspResponse r) {
                answer(ctx, r);
            } else {
                fail(ctx, "unexpected " + msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void media(InterleavedFrame f) {
        ByteBuf b = f.content();
        received(b.readableBytes() + 4);
        if (f.channel() == 0 && b.readableBytes() >= 12) {
            long ts = b.getUnsignedInt(b.readerIndex() + 4);
            if (newest < 0 || (int) (ts - newest) > 0) {
                newest = ts;
            }
            long now = Timebase.now() & 0xffffffffL;
            long offset = (int) (now - newest) / 90;
            bestOffset = Math.min(bestOffset, offset);
            lagMillis = offset - bestOffset;
        }
    }

    /** Each response moves the viewer one step: DESCRIBE → SETUP of each track → PLAY → playing. */
    private void answer(ChannelHandlerContext ctx, RtspResponse r) {
        if (r.status() != 200) {
            fail(ctx, "status " + r.status());
            return;
        }
        if (cseq == 1) {
            for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\r\n")) {
                if (line.startsWith("a=control:trackID=")) {
                    controls.add(line.substring("a=control:".length()));
                }
            }
            if (controls.isEmpty()) {
                fail(ctx, "no tracks in the SDP");
                return;
            }
        } else if (session == null) {
            session = r.headers().get("Session").orElse("").split(";")[0];
        }
        if (setUp < controls.size()) {
            int i = setUp++;
            send(ctx, "SETUP", url + "/" + controls.get(i), new RtspHeaders()
                    .add("Transport", "RTP/AVP/TCP;unicast;interleaved=" + 2 * i + "-" + (2 * i + 1)));
        } else if (cseq == controls.size() + 1) {
            send(ctx, "PLAY", url, new RtspHeaders().add("Range", "npt=now-"));
        } else {
            playing();
        }
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        failed(why);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause.toString());
    }
}
