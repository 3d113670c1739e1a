package io.cascade.mp4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds boxes in memory: {@link #start} a box, write its fields and children, {@link #end} it
 * and its size is patched in. Big-endian throughout.
 */
public final class BoxWriter {
    private byte[] buf = new byte[512];
    private int length;
    private final Deque<Integer> open = new ArrayDeque<>();

    public BoxWriter start(String type) {
        open.push(length);
        u32(0);
        return fourcc(type);
    }

    /** Starts a FullBox: header, then version and 24-bit flags. */
    public BoxWriter startFull(String type, int version, int flags) {
        return start(type).u8(version).u24(flags);
    }

    public BoxWriter end() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no open box to end");
        }
        int start = open.pop();
        patchU32(start, length - start);
        return this;
    }

    public BoxWriter u8(int v) {
        ensure(1);
        buf[length++] = (byte) v;
        return this;
    }

    public BoxWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public BoxWriter u24(int v) {
        return u8(v >>> 16).u16(v);
    }

    public BoxWriter u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    public BoxWriter s32(int v) {
        return u32(v);
    }

    public BoxWriter u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    public BoxWriter fourcc(String code) {
        byte[] b = code.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("not a four-character code: '" + code + "'");
        }
        return bytes(b);
    }

    public BoxWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, length, b.length);
        length += b.length;
        return this;
    }

    public BoxWriter zeros(int n) {
        ensure(n);
        length += n;
        return this;
    }

    /** Bytes written so far; where the next field goes. */
    public int position() {
        return length;
    }

    /** Overwrites four bytes written earlier, e.g. an offset known only later. */
    public BoxWriter patchU32(int at, long v) {
        if (at < 0 || at + 4 > length) {
            throw new IndexOutOfBoundsException("patch at " + at + " outside " + length + " bytes");
        }
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
        return this;
    }

    public byte[] toByteArray() {
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " boxes still open");
        }
        return Arrays.copyOf(buf, length);
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) length + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("box data over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
