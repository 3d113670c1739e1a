package io.cascade.cluster;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads the fields {@link PayloadWriter} writes, refusing with {@link M4fProtocolException}
 * anything that runs past the payload, a varint over 63 bits, text longer than its bound or not
 * UTF-8, and counts over their bound: a peer's payload is never trusted.
 */
final class PayloadReader {
    private final byte[] b;
    private final char type;
    private int at;

    PayloadReader(char type, byte[] payload) {
        this.type = type;
        this.b = payload;
    }

    private void need(int n) throws M4fProtocolException {
        if (b.length - at < n) {
            throw new M4fProtocolException("message '" + type + "' ends inside a field at byte " + at);
        }
    }

    int u8() throws M4fProtocolException {
        need(1);
        return b[at++] & 0xff;
    }

    int u32() throws M4fProtocolException {
        need(4);
        int v = ByteBuffer.wrap(b, at, 4).getInt();
        at += 4;
        return v;
    }

    long u64() throws M4fProtocolException {
        need(8);
        long v = ByteBuffer.wrap(b, at, 8).getLong();
        at += 8;
        return v;
    }

    long varint() throws M4fProtocolException {
        long v = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int x = u8();
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                if (v < 0) {
                    break;
                }
                return v;
            }
        }
        throw new M4fProtocolException("message '" + type + "' has a varint over 63 bits at byte " + at);
    }

    /** A count of items of at least {@code minBytes} each, at most {@code max}: bounded before anything is allocated. */
    int count(int max, int minBytes, String what) throws M4fProtocolException {
        long n = varint();
        if (n > max || n * minBytes > b.length - at) {
            throw new M4fProtocolException("message '" + type + "' claims " + n + " " + what + " (at most " + max + ")");
        }
        return (int) n;
    }

    String text(int max, String what) throws M4fProtocolException {
        long n = varint();
        if (n > max) {
            throw new M4fProtocolException("message '" + type + "': " + what + " of " + n + " bytes (at most " + max + ")");
        }
        need((int) n);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, at, (int) n)).toString();
            at += (int) n;
            return s;
        } catch (CharacterCodingException e) {
            throw new M4fProtocolException("message '" + type + "': " + what + " is not UTF-8");
        }
    }

    boolean atEnd() {
        return at == b.length;
    }
}
