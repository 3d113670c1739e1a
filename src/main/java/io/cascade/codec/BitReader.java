package io.cascade.codec;

/**
 * Reads a big-endian bit string, including the Exp-Golomb codes of H.264 / H.265 (clause 9.1).
 * Expects RBSP bytes, i.e. emulation prevention already removed with {@link Nal#unescape}.
 */
public final class BitReader {
    private final byte[] data;
    private final long bitLimit;
    private long bitPos;

    public BitReader(byte[] data) {
        this(data, 0, data.length);
    }

    public BitReader(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off + len > data.length) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + data.length);
        }
        this.data = data;
        this.bitPos = (long) off * 8;
        this.bitLimit = (long) (off + len) * 8;
    }

    public long bitsLeft() {
        return bitLimit - bitPos;
    }

    public boolean readFlag() {
        return readBit() == 1;
    }

    public int readBit() {
        require(1);
        int bit = (data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return bit;
    }

    /** Reads {@code n} bits, 0 to 32, as an unsigned value in an int (32 bits may come out negative). */
    public int readBits(int n) {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("bit count " + n);
        }
        return (int) readLong(n);
    }

    /** Reads {@code n} bits, 0 to 64. */
    public long readLong(int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("bit count " + n);
        }
        require(n);
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 1) | readBit();
        }
        return value;
    }

    /** Reads {@code n} whole bytes; the reader must be byte aligned. */
    public byte[] readBytes(int n) {
        if ((bitPos & 7) != 0) {
            throw new IllegalStateException("not byte aligned");
        }
        require((long) n * 8);
        int start = (int) (bitPos >>> 3);
        bitPos += (long) n * 8;
        return java.util.Arrays.copyOfRange(data, start, start + n);
    }

    public void skipBits(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("bit count " + n);
        }
        require(n);
        bitPos += n;
    }

    /** ue(v): unsigned Exp-Golomb; values needing more than 31 leading zeros are rejected as corrupt. */
    public int readUe() {
        int leadingZeros = 0;
        while (readBit() == 0) {
            leadingZeros++;
            if (leadingZeros > 31) {
                throw new CodecFormatException("Exp-Golomb code longer than 32 bits");
            }
        }
        long value = (1L << leadingZeros) - 1 + readLong(leadingZeros);
        if (value > Integer.MAX_VALUE) {
            throw new CodecFormatException("Exp-Golomb value out of range: " + value);
        }
        return (int) value;
    }

    /** ue(v) that must not exceed {@code max}; keeps loop counts read from input bounded. */
    public int readUe(String name, int max) {
        int value = readUe();
        if (value > max) {
            throw new CodecFormatException(name + " = " + value + " exceeds " + max);
        }
        return value;
    }

    /** se(v): signed Exp-Golomb. */
    public int readSe() {
        long k = readUe();
        long value = (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        return (int) value;
    }

    private void require(long bits) {
        if (bits > bitsLeft()) {
            throw new CodecFormatException("bitstream truncated: need " + bits + " bits, " + bitsLeft() + " left");
        }
    }
}
