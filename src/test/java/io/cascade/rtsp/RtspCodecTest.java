package io.cascade.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RtspCodecTest {
    private static final RtspLimits LIMITS = RtspLimits.DEFAULT;

    private static EmbeddedChannel decoder() {
        return new EmbeddedChannel(new RtspDecoder(LIMITS));
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aRequestWithHeadersAndBody() {
        EmbeddedChannel ch = decoder();
        ch.writeInbound(ascii("SET_PARAMETER rtsp://h/news RTSP/1.0\r\nCSeq: 7\r\nSession: abc\r\ncontent-length: 5\r\n\r\nhel"));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(ascii("lo\r\nOPTIONS * RTSP/1.0\r\nCSeq: 8\r\n\r\n"));
        RtspRequest r = ch.readInbound();
        assertThat(r.method()).isEqualTo("SET_PARAMETER");
        assertThat(r.uri()).isEqualTo("rtsp://h/news");
        assertThat(r.cseq()).hasValue(7);
        assertThat(r.headers().get("SESSION")).hasValue("abc");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        RtspRequest next = ch.readInbound();
        assertThat(next.method()).isEqualTo("OPTIONS");
        assertThat(next.cseq()).hasValue(8);
    }

    @Test
    void aResponseDecodesToo() {
        EmbeddedChannel ch = decoder();
        ch.writeInbound(ascii("RTSP/1.0 454 Session Not Found\r\nCSeq: 3\r\n\r\n"));
        RtspResponse r = ch.readInbound();
        assertThat(r.status()).isEqualTo(454);
        assertThat(r.reason()).isEqualTo("Session Not Found");
        assertThat(r.cseq()).hasValue(3);
    }

    @Test
    void interleavedFramesBetweenMessages() {
        EmbeddedChannel ch = decoder();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{'$', 1, 0, 3, 9, 8}));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{7}), ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"));
        InterleavedFrame f = ch.readInbound();
        assertThat(f.channel()).isEqualTo(1);
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(f.content())).containsExactly(9, 8, 7);
        f.release();
        assertThat((Object) ch.readInbound()).isInstanceOf(RtspResponse.class);
    }

    @Test
    void garbageIs400AndNothingAfterItIsRead() {
        EmbeddedChannel ch = decoder();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{0x16, 3, 1, 0, 0x7f, 1, '\r', '\n'}));
        assertThat((RtspDecodeError) ch.readInbound()).extracting(RtspDecodeError::status).isEqualTo(400);
        ch.writeInbound(ascii("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n"));
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void boundsGiveTheirStatus() {
        assertThat(firstError("GET / HTTP/1.1\r\n\r\n")).isEqualTo(400);
        assertThat(firstError("OPTIONS * RTSP/2.0\r\nCSeq: 1\r\n\r\n")).isEqualTo(505);
        assertThat(firstError("OPTIONS * RTSP/1.0\r\nBad Header\r\n\r\n")).isEqualTo(400);
        assertThat(firstError("OPTIONS * RTSP/1.0\r\nContent-Length: -1\r\n\r\n")).isEqualTo(400);
        assertThat(firstError("OPTIONS * RTSP/1.0\r\nContent-Length: 99999\r\n\r\n")).isEqualTo(413);
        assertThat(firstError("OPTIONS /" + "a".repeat(5000))).isEqualTo(414);
        assertThat(firstError("OPTIONS * RTSP/1.0\r\n" + "X: y\r\n".repeat(LIMITS.maxHeaders() + 1) + "\r\n")).isEqualTo(431);
        assertThat(firstError("OPTIONS * RTSP/1.0\r\nX: " + "y".repeat(LIMITS.maxHeaderBytes()))).isEqualTo(431);
    }

    private static int firstError(String input) {
        EmbeddedChannel ch = decoder();
        ch.writeInbound(ascii(input));
        Object out = ch.readInbound();
        assertThat(out).as(input.substring(0, Math.min(40, input.length()))).isInstanceOf(RtspDecodeError.class);
        return ((RtspDecodeError) out).status();
    }

    @Test
    void theEncoderWritesResponsesAndRequestsThatDecodeBack() {
        ByteBuf out = Unpooled.buffer();
        RtspEncoder.encode(new RtspResponse(200, new RtspHeaders().add("CSeq", 2).add("Content-Type", "application/sdp"),
                "v=0\r\n".getBytes(StandardCharsets.UTF_8)), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n");
        ByteBuf req = Unpooled.buffer();
        RtspEncoder.encode(new RtspRequest("PLAY", "rtsp://h/x", new RtspHeaders().add("CSeq", 4)
                .add("X-Injected", "a\r\nEvil: 1")), req);
        EmbeddedChannel ch = decoder();
        ch.writeInbound(req);
        RtspRequest back = ch.readInbound();
        assertThat(back.method()).isEqualTo("PLAY");
        assertThat(back.headers().get("X-Injected")).hasValue("a  Evil: 1");
        assertThat(back.headers().contains("Evil")).isFalse();
    }
}
