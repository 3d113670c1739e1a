package io.cascade.cluster;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class M4fMessageTest {
    private static DataInputStream in(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void everyTypeReadsBackAsWritten() throws Exception {
        byte[] init = {0, 0, 0, 24, 'f', 't', 'y', 'p'};
        List<M4fMessage> sent = List.of(
                M4fMessage.hello("{\"version\":1,\"stream\":\"news/é\"}"),
                M4fMessage.init(7, init),
                M4fMessage.segmentStart(42, 153_000_000_000_000L, 7, true),
                M4fMessage.segmentEnd(42, 180_000),
                M4fMessage.abort(43),
                M4fMessage.ping());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sent.forEach(m -> wire.writeBytes(m.encode()));
        DataInputStream in = in(wire.toByteArray());

        for (M4fMessage m : sent) {
            M4fMessage got = M4fMessage.read(in);
            assertThat(got.type()).isEqualTo(m.type());
            assertThat(got.payload()).isEqualTo(m.payload());
        }
        assertThatThrownBy(() -> M4fMessage.read(in)).isExactlyInstanceOf(EOFException.class);
    }

    @Test
    void fieldsSitWhereTheLayoutSays() throws Exception {
        assertThat(M4fMessage.hello("{}").encode()).containsExactly('H', 0, 0, 0, 2, '{', '}');
        assertThat(M4fMessage.ping().encode()).containsExactly('P', 0, 0, 0, 0);

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
    void chunkHeaderAndBytesReadBackAsOneChunkMessage() throws Exception {
        byte[] chunk = "moof....mdat....".getBytes(StandardCharsets.US_ASCII);
        DataInputStream in = in(M4fMessage.chunkHeader(42, chunk.length), chunk, M4fMessage.ping().encode());

        M4fMessage m = M4fMessage.read(in);
        assertThat(m.type()).isEqualTo('C');
        ByteBuffer b = m.body(8);
        assertThat(b.getLong()).isEqualTo(42);
        assertThat(Arrays.copyOfRange(m.payload(), 8, m.payload().length)).isEqualTo(chunk);
        assertThat(M4fMessage.read(in).type()).isEqualTo('P');
    }

    @Test
    void unknownTypeIsAProtocolError() {
        byte[] wire = {'X', 0, 0, 0, 1, 0};
        assertThatThrownBy(() -> M4fMessage.read(in(wire)))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("unknown message type 0x58");
        byte[] lowercase = {'p', 0, 0, 0, 0};
        assertThatThrownBy(() -> M4fMessage.read(in(lowercase))).isInstanceOf(M4fProtocolException.class);
    }

    @Test
    void negativeOrOversizedLengthIsAProtocolError() {
        byte[] negative = {'C', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> M4fMessage.read(in(negative)))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("out of range");
        byte[] huge = ByteBuffer.allocate(5).put((byte) 'C').putInt(M4fMessage.MAX_PAYLOAD + 1).array();
        assertThatThrownBy(() -> M4fMessage.read(in(huge)))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("out of range");
    }

    @Test
    void truncatedPayloadIsAProtocolError() {
        byte[] wire = M4fMessage.segmentEnd(1, 2).encode();
        byte[] cut = Arrays.copyOf(wire, wire.length - 3);
        assertThatThrownBy(() -> M4fMessage.read(in(cut)))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("truncated message: 13 of 16");
    }

    @Test
    void truncatedHeaderIsAProtocolErrorNotACleanEnd() {
        byte[] cut = {'C', 0, 0};
        assertThatThrownBy(() -> M4fMessage.read(in(cut)))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("truncated");
    }

    @Test
    void bodyTooShortForItsFieldsIsAProtocolError() throws Exception {
        M4fMessage shortStart = M4fMessage.read(in(new byte[] {'S', 0, 0, 0, 3, 1, 2, 3}));
        assertThatThrownBy(() -> shortStart.body(21))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("'S' too short: 3 bytes");
        assertThat(shortStart.body(3).remaining()).isEqualTo(3);
    }
}
