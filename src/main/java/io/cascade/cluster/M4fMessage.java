package io.cascade.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message of M4F (see docs/m4f.md): a type byte, a 4-byte big-endian payload length, the
 * payload; on the wire a MAC follows ({@link M4fEncoder}, {@link M4fDecoder}). Payload layouts:
 * <ul>
 *   <li>{@code H} hello: UTF-8 JSON about the stream (protocol version, name, DVR range)</li>
 *   <li>{@code I} init: version (u32), then the init segment bytes</li>
 *   <li>{@code S} segment start: number (u64), start dts (u64, 90 kHz UTC), init version (u32), flags (u8, bit 0 = discontinuity)</li>
 *   <li>{@code C} chunk: segment number (u64), then {@code moof}+{@code mdat} bytes</li>
 *   <li>{@code E} segment end: number (u64), duration (u64, 90 kHz)</li>
 *   <li>{@code A} abort: number (u64) — the segment begun is dropped upstream</li>
 *   <li>{@code P} ping: empty — sent every second so a stalled peer is noticed</li>
 *   <li>{@code L} stream list (on the list channel): UTF-8 JSON of the source's streams</li>
 *   <li>{@code X} archive listing (archive requests): ranges and segment metadata, {@link ArchiveListing}</li>
 *   <li>{@code V} session report (the body of a report POST), {@link SessionReport}</li>
 *   <li>{@code K} report answer: resync and sessions to cut, {@link ReportAnswer}</li>
 * </ul>
 */
public record M4fMessage(char type, byte[] payload) {
    public static final int HEADER = 5;
    /** Larger than any chunk or init we make; a peer claiming more is broken or hostile. */
    public static final int MAX_PAYLOAD = 32 << 20;
    /** The types of protocol v2, in every channel; each reader checks which belong to its own. */
    static final String TYPES = "HILSCEAPXVK";

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

    /** A chunk; on the wire {@link M4fEncoder#encodeChunk} sends the same without copying the bytes. */
    public static M4fMessage chunk(long number, byte[] chunk) {
        return new M4fMessage('C', ByteBuffer.allocate(8 + chunk.length).putLong(number).put(chunk).array());
    }

    /** The stream list: UTF-8 JSON. */
    public static M4fMessage streamList(byte[] json) {
        return new M4fMessage('L', json);
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
