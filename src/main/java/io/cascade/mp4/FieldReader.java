package io.cascade.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian reads of a box's fields. Reading past the end is a format error naming the box,
 * never an unchecked exception or a silent zero.
 */
public final class FieldReader {
    private final ByteBuffer buf;
    private final String where;

    public FieldReader(ByteBuffer data, String where) {
        this.buf = data.slice();
        this.where = where;
    }

    public int remaining() {
        return buf.remaining();
    }

    public int position() {
        return buf.position();
    }

    public int u8() throws Mp4FormatException {
        need(1);
        return buf.get() & 0xFF;
    }

    public int u16() throws Mp4FormatException {
        need(2);
        return buf.getShort() & 0xFFFF;
    }

    public int u24() throws Mp4FormatException {
        need(3);
        return ((buf.get() & 0xFF) << 16) | (buf.getShort() & 0xFFFF);
    }

    public long u32() throws Mp4FormatException {
        need(4);
        return buf.getInt() & 0xFFFFFFFFL;
    }

    public int s32() throws Mp4FormatException {
        need(4);
        return buf.getInt();
    }

    /** An unsigned 64-bit value; values of 2^63 and above mean nothing sensible and are rejected. */
    public long u64() throws Mp4FormatException {
        long v = s64();
        if (v < 0) {
            throw error("64-bit value " + Long.toUnsignedString(v) + " is out of range");
        }
        return v;
    }

    public long s64() throws Mp4FormatException {
        need(8);
        return buf.getLong();
    }

    /** A 64-bit field when {@code wide} (version 1 boxes), otherwise a 32-bit one. */
    public long u32or64(boolean wide) throws Mp4FormatException {
        return wide ? u64() : u32();
    }

    public String fourcc() throws Mp4FormatException {
        need(4);
        return BoxHeader.fourcc(buf);
    }

    public byte[] bytes(int n) throws Mp4FormatException {
        need(n);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    public String string(int n) throws Mp4FormatException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    public void skip(int n) throws Mp4FormatException {
        need(n);
        buf.position(buf.position() + n);
    }

    /**
     * Reads a 32-bit entry count and checks that that many entries of {@code entrySize} bytes fit
     * in what is left, so a hostile count can never drive an allocation.
     */
    public int entryCount(int entrySize) throws Mp4FormatException {
        long count = u32();
        if (count * entrySize > remaining()) {
            throw error(count + " entries of " + entrySize + " bytes do not fit in the "
                    + remaining() + " bytes left");
        }
        return (int) count;
    }

    public Mp4FormatException error(String message) {
        return new Mp4FormatException("'" + where + "': " + message);
    }

    private void need(int n) throws Mp4FormatException {
        if (n < 0 || n > buf.remaining()) {
            throw error("needs " + n + " bytes at offset " + buf.position() + " but only "
                    + buf.remaining() + " remain");
        }
    }
}
