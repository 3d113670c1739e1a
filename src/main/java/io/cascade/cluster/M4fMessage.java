package io.cascade.cluster;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message of the M4F segment stream (see docs/m4f.md): a type byte, a 4-byte big-endian
 * payload length, the payload. Payload layouts by type:
 * <ul>
 *   <li>{@code H} hello: UTF-8 JSON about the stream (protocol version, name, DVR range)</li>
 *   <li>{@code I} init: version (u32), then the init segment bytes</li>
 *   <li>{@code S} segment start: number (u64), start dts (u64, 90 kHz UTC), init version (u32), flags (u8, bit 0 = discontinuity)</li>
 *   <li>{@code C} chunk: segment number (u64), then {@code moof}+{@code mdat} bytes</li>
 *   <li>{@code E} segment end: number (u64), duration (u64, 90 kHz)</li>
 *   <li>{@code A} abort: number (u64) — the segment begun is dropped upstream</li>
 *   <li>{@code P} ping: empty — sent every second so a stalled peer is noticed</li>
 * </ul>
 */
public record M4fMessage(char type, byte[] payload) {
    public static final int HEADER = 5;
    /** Larger than any chunk or init we make; a peer claiming more is broken or hostile. */
    public static final int MAX_PAYLOAD = 32 << 20;

    public static M4fMessage hello(String json) {
        return new M4fMessage('H', json.getBytes(StandardCharsets.UTF_8));
    }

    public static M4fMessage init(int version, byte[] bytes) {
        return new M4fMessage('I', ByteBuffer.allocate(4 + bytes.length).putInt(version).put(bytes).array());
    }

    public static M4fMessage segmentStart(long number, long startDts, int initVersion, boolean discontinuity) {
        return new M4fMessage('S', ByteBuffer.allocate(21).putLong(number).putLong(startDts)
                .putInt(initVersion).put((byte) (discontinuity ? 1 : 0)).array());
    }

    /** The header and number of a chunk message; the chunk bytes follow it on the wire unchanged. */
    public static byte[] chunkHeader(long number, int chunkLength) {
        return ByteBuffer.allocate(HEADER + 8).put((byte) 'C').putInt(8 + chunkLength).putLong(number).array();
    }

    public static M4fMessage segmentEnd(long number, long duration) {
        return new M4fMessage('E', ByteBuffer.allocate(16).putLong(number).putLong(duration).array());
    }

    public static M4fMessage abort(long number) {
        return new M4fMessage('A', ByteBuffer.allocate(8).putLong(number).array());
    }

    public static M4fMessage ping() {
        return new M4fMessage('P', new byte[0]);
    }

    /** The message on the wire. */
    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + payload.length).put((byte) type).putInt(payload.length).put(payload).array();
    }

    /** Reads one message; EOFException at a clean end between messages. */
    public static M4fMessage read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("end of M4F stream");
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new M4fProtocolException("truncated message header");
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new M4fProtocolException("message length " + length + " out of range");
        }
        if ("HISCEAP".indexOf(type) < 0) {
            throw new M4fProtocolException("unknown message type 0x" + Integer.toHexString(type));
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new M4fProtocolException("truncated message: " + payload.length + " of " + length + " bytes");
        }
        return new M4fMessage((char) type, payload);
    }

    public ByteBuffer body() {
        return ByteBuffer.wrap(payload);
    }

    /** Checks the payload has at least {@code n} bytes before fields are read. */
    public ByteBuffer body(int n) throws M4fProtocolException {
        if (payload.length < n) {
            throw new M4fProtocolException("message '" + type + "' too short: " + payload.length + " bytes");
        }
        return body();
    }
}
