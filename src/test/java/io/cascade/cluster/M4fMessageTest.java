package io.cascade.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The M4F v2 frame: messages written by the encoder read back by the decoder, MACs checked. */
class M4fMessageTest {
    private static final byte[] SESSION = new ClusterAuth("k").sessionKey("c".repeat(64), "n".repeat(32));
    private static final byte[] INIT = {0, 0, 0, 24, 'f', 't', 'y', 'p'};
    private static final byte[] CHUNK = "moof....mdat....".getBytes(StandardCharsets.US_ASCII);
    private static final List<M4fMessage> ALL = List.of(
            M4fMessage.hello("{\"version\":2,\"stream\":\"news/é\"}"),
            M4fMessage.init(7, INIT),
            M4fMessage.segmentStart(42, 153_000_000_000_000L, 7, true),
            M4fMessage.chunk(42, CHUNK),
            M4fMessage.segmentEnd(42, 180_000),
            M4fMessage.abort(43),
            M4fMessage.streamList("{\"type\":\"streams\",\"streams\":[]}".getBytes(StandardCharsets.UTF_8)),
            M4fMessage.ping());

    /** The wire form of {@code messages} in one session; chunks go the zero-copy way. */
    private static byte[] wire(List<M4fMessage> messages) {
        M4fEncoder encoder = new M4fEncoder(SESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (M4fMessage m : messages) {
            ByteBuf b = m.type() == 'C'
                    ? encoder.encodeChunk(ByteBuffer.wrap(m.payload()).getLong(), Arrays.copyOfRange(m.payload(), 8, m.payload().length))
                    : encoder.encode(m);
            out.writeBytes(ByteBufUtil.getBytes(b));
        }
        return out.toByteArray();
    }

    private static M4fDecoder decoder(byte[] wire) {
        return new M4fDecoder(new ByteArrayInputStream(wire), SESSION);
    }

    private static List<M4fMessage> readAll(InputStream in) throws Exception {
        M4fDecoder d = new M4fDecoder(in, SESSION);
        List<M4fMessage> out = new ArrayList<>();
        while (true) {
            try {
                out.add(d.next());
            } catch (EOFException end) {
                return out;
            }
        }
    }

    private static void assertSameMessages(List<M4fMessage> got, List<M4fMessage> want) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i).type()).isEqualTo(want.get(i).type());
            assertThat(got.get(i).payload()).as("message %d", i).isEqualTo(want.get(i).payload());
        }
    }

    @Test
    void everyTypeReadsBackAsWritten() throws Exception {
        assertSameMessages(readAll(new ByteArrayInputStream(wire(ALL))), ALL);
    }

    @Test
    void oneByteAtATimeAndRandomSplitsGiveTheSameMessages() throws Exception {
        byte[] wire = wire(ALL);
        assertSameMessages(readAll(new SplitInputStream(wire, new Random(1), 1)), ALL);
        Random seeds = new Random(20_261_202);
        for (int run = 0; run < 50; run++) {
            assertSameMessages(readAll(new SplitInputStream(wire, new Random(seeds.nextLong()), 40)), ALL);
        }
    }

    @Test
    void fieldsSitWhereTheLayoutSays() throws Exception {
        byte[] hello = wire(List.of(M4fMessage.hello("{}")));
        assertThat(Arrays.copyOf(hello, 7)).containsExactly('H', 0, 0, 0, 2, '{', '}');
        assertThat(hello).hasSize(7 + M4fSessionMac.TAG);

        ByteBuffer init = M4fMessage.init(3, new byte[] {9, 8}).body(4);
        assertThat(init.getInt()).isEqualTo(3);
        assertThat(init.get()).isEqualTo((byte) 9);

        ByteBuffer start = M4fMessage.segmentStart(5, 6, 7, true).body(21);
        assertThat(start.getLong()).isEqualTo(5);
        assertThat(start.getLong()).isEqualTo(6);
        assertThat(start.getInt()).isEqualTo(7);
        assertThat(start.get()).isEqualTo((byte) 1);
        assertThat(start.hasRemaining()).isFalse();
        assertThat(M4fMessage.segmentStart(5, 6, 7, false).payload()[20]).isZero();

        ByteBuffer end = M4fMessage.segmentEnd(5, 180_000).body(16);
        assertThat(end.getLong()).isEqualTo(5);
        assertThat(end.getLong()).isEqualTo(180_000);
        assertThat(M4fMessage.abort(5).body(8).getLong()).isEqualTo(5);
    }

    @Test
    void theMacIsHmacSha256OfTheCounterHeaderAndPayloadCutTo16Bytes() throws Exception {
        byte[] wire = wire(List.of(M4fMessage.ping(), M4fMessage.ping()));
        javax.crypto.Mac mac = ClusterAuth.newMac(SESSION);
        mac.update(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
        byte[] second = Arrays.copyOf(mac.doFinal(new byte[] {'P', 0, 0, 0, 0}), 16);
        assertThat(Arrays.copyOfRange(wire, 21 + 5, 21 + 21)).isEqualTo(second);
    }

    @Test
    void aFlippedByteAnywhereFailsTheMac() throws Exception {
        byte[] wire = wire(ALL);
        for (int i = 0; i < wire.length; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bad))).as("byte %d", i)
                    .isInstanceOf(M4fProtocolException.class);
        }
    }

    @Test
    void aDroppedRepeatedOrSwappedMessageFailsTheMac() {
        List<byte[]> frames = new ArrayList<>();
        M4fEncoder encoder = new M4fEncoder(SESSION);
        for (M4fMessage m : ALL) {
            frames.add(ByteBufUtil.getBytes(encoder.encode(m)));
        }
        assertThatThrownBy(() -> readAll(join(frames.get(0), frames.get(2))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("message 1 ('S'").hasMessageContaining("MAC");
        assertThatThrownBy(() -> readAll(join(frames.get(0), frames.get(0)))).isInstanceOf(M4fProtocolException.class);
        assertThatThrownBy(() -> readAll(join(frames.get(1), frames.get(0)))).isInstanceOf(M4fProtocolException.class);
    }

    @Test
    void anotherSessionsKeyFailsTheMac() {
        byte[] wire = wire(List.of(M4fMessage.ping()));
        byte[] otherSession = new ClusterAuth("k").sessionKey("d".repeat(64), "n".repeat(32));
        assertThatThrownBy(() -> new M4fDecoder(new ByteArrayInputStream(wire), otherSession).next())
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("MAC");
    }

    @Test
    void unknownTypeIsAProtocolError() {
        assertThatThrownBy(() -> decoder(new byte[] {'Z', 0, 0, 0, 1, 0}).next())
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("unknown message type 0x5a");
        assertThatThrownBy(() -> decoder(new byte[] {'p', 0, 0, 0, 0}).next()).isInstanceOf(M4fProtocolException.class);
    }

    @Test
    void negativeOrOversizedLengthIsAProtocolError() {
        byte[] negative = {'C', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> decoder(negative).next())
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("out of range");
        byte[] huge = ByteBuffer.allocate(5).put((byte) 'C').putInt(M4fMessage.MAX_PAYLOAD + 1).array();
        assertThatThrownBy(() -> decoder(huge).next())
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("out of range");
    }

    @Test
    void truncatedPayloadOrMacIsAProtocolError() {
        byte[] wire = wire(List.of(M4fMessage.segmentEnd(1, 2)));
        assertThatThrownBy(() -> decoder(Arrays.copyOf(wire, 5 + 13)).next())
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("truncated message: 13 of 16");
        assertThatThrownBy(() -> decoder(Arrays.copyOf(wire, wire.length - 1)).next())
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("truncated message MAC");
    }

    @Test
    void truncatedHeaderIsAProtocolErrorNotACleanEnd() {
        assertThatThrownBy(() -> decoder(new byte[] {'C', 0, 0}).next())
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("truncated");
    }

    @Test
    void bodyTooShortForItsFieldsIsAProtocolError() throws Exception {
        M4fMessage shortStart = decoder(wire(List.of(new M4fMessage('S', new byte[] {1, 2, 3})))).next();
        assertThatThrownBy(() -> shortStart.body(21))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("'S' too short: 3 bytes");
        assertThat(shortStart.body(3).remaining()).isEqualTo(3);
    }

    private static InputStream join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    /** Hands out its bytes in reads of 1 to {@code maxRead} bytes, as a network might. */
    private static final class SplitInputStream extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private final int maxRead;
        private int pos;

        SplitInputStream(byte[] bytes, Random random, int maxRead) {
            this.bytes = bytes;
            this.random = random;
            this.maxRead = maxRead;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(maxRead)), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
