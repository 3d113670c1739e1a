package io.cascade.codec;

import java.util.Arrays;

/**
 * The one bit reader of every codec parser: a big-endian bit string, including the Exp-Golomb
 * codes of H.264 / H.265 (clause 9.1). Every read is bounds checked; running out of bits, or a
 * code too long to be real, is a {@link CodecFormatException} naming the byte offset and what
 * was being read. Expects RBSP bytes for NAL units, i.e. emulation prevention already removed
 * with {@link Nal#unescape}.
 */
public final class BitReader {
    private final byte[] data;
    private final long bitStart;
    private final long bitLimit;
    private long bitPos;
    private String reading = "bitstream";

    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code data[off, off+len)}; a range outside the array is a caller bug. */
    public BitReader(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + data.length);
        }
        this.data = data;
        this.bitStart = (long) off * 8;
        this.bitPos = bitStart;
        this.bitLimit = (long) (off + len) * 8;
    }

    /** Names the structure being read, for error messages. */
    public BitReader reading(String what) {
        this.reading = what;
        return this;
    }

    public long bitsLeft() {
        return bitLimit - bitPos;
    }

    /** Bits read since the start of the range. */
    public long bitsRead() {
        return bitPos - bitStart;
    }

    /** Byte offset of the next bit, counted from the start of the range. */
    public long byteOffset() {
        return bitsRead() >>> 3;
    }

    public boolean readFlag() throws CodecFormatException {
        return readBit() == 1;
    }

    public int readBit() throws CodecFormatException {
        require(1);
        int bit = (data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return bit;
    }

    /** Reads {@code n} bits, 0 to 32, as an unsigned value in an int (32 bits may come out negative). */
    public int readBits(int n) throws CodecFormatException {
        checkCount(n, 32);
        return (int) readLong(n);
    }

    /** Reads {@code n} bits, 0 to 64. */
    public long readLong(int n) throws CodecFormatException {
        checkCount(n, 64);
        require(n);
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 1) | readBit();
        }
        return value;
    }

    /** Reads {@code n} whole bytes; the reader must be byte aligned. */
    public byte[] readBytes(int n) throws CodecFormatException {
        if ((bitPos & 7) != 0) {
            throw new IllegalStateException("not byte aligned");
        }
        if (n < 0) {
            throw fail(n + " bytes");
        }
        require((long) n * 8);
        int start = (int) (bitPos >>> 3);
        bitPos += (long) n * 8;
        return Arrays.copyOfRange(data, start, start + n);
    }

    public void skipBits(long n) throws CodecFormatException {
        if (n < 0) {
            throw fail("a non-negative bit count, got " + n);
        }
        require(n);
        bitPos += n;
    }

    /** Skips to the next byte boundary counted from the start of the range (byte_alignment()). */
    public void alignToByte() throws CodecFormatException {
        skipBits((8 - (bitsRead() & 7)) & 7);
    }

    /** ue(v): unsigned Exp-Golomb; values needing more than 31 leading zeros are rejected as corrupt. */
    public int readUe() throws CodecFormatException {
        int leadingZeros = 0;
        while (readBit() == 0) {
            leadingZeros++;
            if (leadingZeros > 31) {
                throw fail("an Exp-Golomb code of at most 32 bits");
            }
        }
        long value = (1L << leadingZeros) - 1 + readLong(leadingZeros);
        if (value > Integer.MAX_VALUE) {
            throw fail("an Exp-Golomb value up to 2^31-1, got " + value);
        }
        return (int) value;
    }

    /** ue(v) that must not exceed {@code max}; keeps loop counts read from input bounded. */
    public int readUe(String name, int max) throws CodecFormatException {
        int value = readUe();
        if (value > max) {
            throw new CodecFormatException(name + " = " + value + " exceeds " + max, byteOffset(),
                    name + " <= " + max);
        }
        return value;
    }

    /** se(v): signed Exp-Golomb. */
    public int readSe() throws CodecFormatException {
        long k = readUe();
        long value = (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        return (int) value;
    }

    /** A format error at the current position, in the structure being read. */
    public CodecFormatException fail(String expected) {
        return new CodecFormatException(reading, byteOffset(), expected);
    }

    private void require(long bits) throws CodecFormatException {
        if (bits > bitsLeft()) {
            throw new CodecFormatException(reading + " truncated", byteOffset(),
                    bits + " more bits, " + bitsLeft() + " left");
        }
    }

    private static void checkCount(int n, int max) {
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("bit count " + n); // constant in every caller: a bug
        }
    }
}
