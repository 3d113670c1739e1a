package io.cascade.codec;

import java.io.ByteArrayOutputStream;

/** MSB-first bit writer, the counterpart of {@link BitReader} for configs Cascade writes. */
public final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;
    private long written;

    public BitWriter write(long value, int bits) {
        for (int i = bits - 1; i >= 0; i--) {
            current = (current << 1) | (int) ((value >>> i) & 1);
            written++;
            if (++used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }
        return this;
    }

    public BitWriter writeBytes(byte[] bytes) {
        for (byte b : bytes) {
            write(b & 0xff, 8);
        }
        return this;
    }

    public long bitsWritten() {
        return written;
    }

    /** Zero bits up to the next byte boundary counted from the first bit written. */
    public BitWriter alignToByte() {
        return write(0, (int) ((8 - (written & 7)) & 7));
    }

    /** The bits written, padded with zero bits to a whole byte. */
    public byte[] toBytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        if (used > 0) {
            copy.write(current << (8 - used));
        }
        return copy.toByteArray();
    }
}
