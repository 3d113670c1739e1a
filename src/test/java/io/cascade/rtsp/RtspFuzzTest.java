package io.cascade.rtsp;

import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtcpSenderReport;
import io.cascade.rtp.RtpFormatException;
import io.cascade.rtp.RtpPacket;
import io.cascade.testing.Fuzz;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Mangled RTSP, RTP and RTCP: the readers give messages, errors to answer or format exceptions, nothing else. */
class RtspFuzzTest {
    private static final List<byte[]> RTSP = List.of(
            ("SETUP rtsp://h/news/trackID=1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;interleaved=0-1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII),
            ("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 4\r\n\r\nv=0\n$\u0001\u0000\u0002ab")
                    .getBytes(StandardCharsets.ISO_8859_1));

    @Test
    void theDecoderYieldsOnlyMessagesFramesAndErrors() {
        for (byte[] input : Fuzz.variants(RTSP, 400, 9)) {
            EmbeddedChannel ch = new EmbeddedChannel(new RtspDecoder(RtspLimits.DEFAULT));
            // fed in two pieces, as the network would
            int cut = input.length / 3;
            ch.writeInbound(Unpooled.wrappedBuffer(input, 0, cut));
            ch.writeInbound(Unpooled.wrappedBuffer(input, cut, input.length - cut));
            for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                assertThat(o).isInstanceOfAny(RtspRequest.class, RtspResponse.class, InterleavedFrame.class,
                        RtspDecodeError.class);
                if (o instanceof RtspDecodeError e) {
                    assertThat(e.status()).isBetween(400, 505);
                }
                ReferenceCountUtil.release(o);
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void rtpAndRtcpReadersThrowOnlyTheirFormatException() {
        ByteBuf sr = Unpooled.buffer();
        new RtcpSenderReport(1, 2, 3, 4, 5).writeCompound(sr, "c");
        ByteBuf rtp = Unpooled.buffer();
        new RtpPacket(96, true, 1, 2, 3, new byte[]{1, 2, 3, 4}).encode(rtp);
        List<byte[]> seeds = List.of(io.netty.buffer.ByteBufUtil.getBytes(sr), io.netty.buffer.ByteBufUtil.getBytes(rtp));
        for (byte[] input : Fuzz.variants(seeds, 500, 11)) {
            try {
                RtcpPacket.readCompound(Unpooled.wrappedBuffer(input));
            } catch (RtpFormatException expected) {
                // refused: fine
            }
            try {
                RtpPacket.decode(Unpooled.wrappedBuffer(input));
            } catch (RtpFormatException expected) {
                // refused: fine
            }
        }
    }
}
