package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {

    /** The 62/68-byte keys begin with these texts; the digest uses only the text part for C1/S1. */
    private static final byte[] PLAYER_TEXT = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_TEXT = "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);

    private static byte[] hmac(byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /** A C1 as a Flash player makes it, digest placed by hand (independently of the code under test). */
    private static byte[] flashC1(int scheme) throws Exception {
        byte[] c1 = new byte[1536];
        for (int i = 0; i < c1.length; i++) {
            c1[i] = (byte) (i * 7 + 3);
        }
        byte[] version = {9, 0, 124, 2};
        System.arraycopy(version, 0, c1, 4, 4);
        int offsetBytes = scheme == 0 ? 772 : 8;
        int offset = 0;
        for (int i = 0; i < 4; i++) {
            offset += c1[offsetBytes + i] & 0xFF;
        }
        int position = offsetBytes + 4 + offset % 728;
        byte[] digest = hmac(PLAYER_TEXT, Arrays.copyOfRange(c1, 0, position),
                Arrays.copyOfRange(c1, position + 32, 1536));
        System.arraycopy(digest, 0, c1, position, 32);
        return c1;
    }

    private static byte[][] runServer(byte[] c1) {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHandshakeHandler(Duration.ofSeconds(5)));
        ch.writeInbound(Unpooled.buffer().writeByte(3).writeBytes(c1));
        ByteBuf answer = ch.readOutbound();
        assertThat(answer.readableBytes()).isEqualTo(1 + 2 * 1536);
        assertThat(answer.readByte()).isEqualTo((byte) 3);
        byte[] s1 = new byte[1536];
        byte[] s2 = new byte[1536];
        answer.readBytes(s1).readBytes(s2);
        answer.release();
        return new byte[][]{s1, s2};
    }

    @Test
    void plainHandshakeEchoesC1AndPassesLaterBytesOn() {
        byte[] c1 = new byte[1536];
        Arrays.fill(c1, 8, 1536, (byte) 0x5A);
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHandshakeHandler(Duration.ofSeconds(5)));
        ch.writeInbound(Unpooled.buffer().writeByte(3).writeBytes(c1));
        ByteBuf answer = ch.readOutbound();
        answer.skipBytes(1 + 1536);
        assertThat(ByteBufUtil.getBytes(answer)).isEqualTo(c1);
        answer.release();
        // C2 and the first chunk bytes in one read: the handler leaves, the chunk bytes go on
        ch.writeInbound(Unpooled.buffer().writeBytes(new byte[1536]).writeBytes(new byte[]{1, 2, 3}));
        assertThat(ch.pipeline().get(ServerHandshakeHandler.class)).isNull();
        ByteBuf rest = ch.readInbound();
        assertThat(ByteBufUtil.getBytes(rest)).containsExactly(1, 2, 3);
        rest.release();
    }

    @Test
    void digestHandshakeBothSchemes() throws Exception {
        for (int scheme = 0; scheme <= 1; scheme++) {
            byte[] c1 = flashC1(scheme);
            byte[][] s = runServer(c1);
            byte[] s1 = s[0];
            byte[] s2 = s[1];

            // S1 carries a server digest in the same scheme, keyed with the server text
            int base = scheme == 0 ? 772 : 8;
            int pos = base + 4 + ((s1[base] & 0xFF) + (s1[base + 1] & 0xFF) + (s1[base + 2] & 0xFF)
                    + (s1[base + 3] & 0xFF)) % 728;
            byte[] expected = hmac(SERVER_TEXT, Arrays.copyOfRange(s1, 0, pos), Arrays.copyOfRange(s1, pos + 32, 1536));
            assertThat(Arrays.copyOfRange(s1, pos, pos + 32)).as("S1 digest, scheme " + scheme).isEqualTo(expected);
            assertThat(s1[4]).isNotZero();

            // S2 is signed with HMAC(HMAC(full server key, client digest), S2[0..1504))
            int cpos = base + 4 + ((c1[base] & 0xFF) + (c1[base + 1] & 0xFF) + (c1[base + 2] & 0xFF)
                    + (c1[base + 3] & 0xFF)) % 728;
            byte[] clientDigest = Arrays.copyOfRange(c1, cpos, cpos + 32);
            byte[] fullServerKey = HandshakeDigest.SERVER_KEY;
            assertThat(fullServerKey).hasSize(68);
            assertThat(Arrays.copyOf(fullServerKey, 36)).isEqualTo(SERVER_TEXT);
            byte[] key = hmac(fullServerKey, clientDigest);
            byte[] signature = hmac(key, Arrays.copyOf(s2, 1504));
            assertThat(Arrays.copyOfRange(s2, 1504, 1536)).as("S2 signature, scheme " + scheme).isEqualTo(signature);
        }
    }

    @Test
    void keysEndWithTheWellKnownConstant() {
        assertThat(ByteBufUtil.hexDump(HandshakeDigest.PLAYER_KEY, 30, 32))
                .isEqualTo("f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");
        assertThat(HandshakeDigest.PLAYER_KEY).hasSize(62);
    }

    @Test
    void nonZeroVersionWithoutValidDigestGetsPlainAnswer() {
        byte[] c1 = new byte[1536];
        Arrays.fill(c1, (byte) 1);
        byte[][] s = runServer(c1);
        assertThat(s[1]).isEqualTo(c1);
    }

    @Test
    void wrongVersionCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new ServerHandshakeHandler(Duration.ofSeconds(5)));
        try {
            ch.writeInbound(Unpooled.buffer().writeByte(0x47).writeBytes(new byte[1536]));
        } catch (Exception expected) {
            assertThat(expected).hasRootCauseInstanceOf(RtmpProtocolException.class);
        }
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void clientHandshakeSendsPlainC1AndEchoesS1() {
        EmbeddedChannel ch = new EmbeddedChannel(new ClientHandshakeHandler());
        ByteBuf c0c1 = ch.readOutbound();
        assertThat(c0c1.readableBytes()).isEqualTo(1537);
        assertThat(c0c1.getByte(0)).isEqualTo((byte) 3);
        assertThat(c0c1.getInt(5)).as("zero version field: plain handshake").isZero();
        c0c1.release();
        byte[] s1 = new byte[1536];
        Arrays.fill(s1, (byte) 9);
        ch.writeInbound(Unpooled.buffer().writeByte(3).writeBytes(s1).writeBytes(new byte[1536]));
        ByteBuf c2 = ch.readOutbound();
        assertThat(ByteBufUtil.getBytes(c2)).isEqualTo(s1);
        c2.release();
        assertThat(ch.pipeline().get(ClientHandshakeHandler.class)).isNull();
    }
}
