package io.cascade.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the fields of an M4F payload: fixed big-endian integers, unsigned LEB128 varints (small
 * numbers, the common case in session reports, take one or two bytes) and length-prefixed UTF-8.
 */
final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PayloadWriter u8(int v) {
        out.write(v);
        return this;
    }

    PayloadWriter u32(int v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(v >>> shift);
        }
        return this;
    }

    PayloadWriter u64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    /** A non-negative number in 1 to 10 bytes, 7 bits each, low first. */
    PayloadWriter varint(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative varint " + v);
        }
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    /** A string as varint length and UTF-8, cut to {@code max} bytes (at a character boundary). */
    PayloadWriter text(String s, int max) {
        byte[] b = cut(s == null ? "" : s, max).getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.writeBytes(b);
        return this;
    }

    private static String cut(String s, int max) {
        String t = s;
        while (t.getBytes(StandardCharsets.UTF_8).length > max) {
            t = t.substring(0, Math.max(0, Math.min(t.length() - 1, max)));
        }
        return t;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
