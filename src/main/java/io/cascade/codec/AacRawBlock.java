package io.cascade.codec;

import java.util.Optional;

/**
 * What a track description needs from an AAC raw_data_block (ISO/IEC 14496-3 4.4.2.1) without
 * decoding it: a leading program config element, and whether SBR data rides in its last element.
 */
public final class AacRawBlock {
    static final int ID_PCE = 5;
    private static final int ID_FIL = 6;
    private static final int ID_END = 7;
    private static final int EXT_SBR_DATA = 13;
    private static final int EXT_SBR_DATA_CRC = 14;

    private AacRawBlock() {
    }

    /** The program config element that starts the block, if it starts with one. */
    public static Optional<ProgramConfigElement> programConfig(byte[] block) throws CodecFormatException {
        BitReader r = new BitReader(block).reading("AAC raw data block");
        if (block.length == 0 || r.readBits(3) != ID_PCE) {
            return Optional.empty();
        }
        return Optional.of(ProgramConfigElement.read(r));
    }

    /**
     * True when the block ends with a fill element holding SBR extension data followed by the end
     * element, which is where HE-AAC encoders put it. The element sizes are not decodable without
     * the spectral data, so the fill element is found backwards from the end element: its count
     * field must match its distance, and its extension type must be SBR.
     */
    public static boolean carriesSbr(byte[] block) {
        long end = endElementStart(block);
        if (end < 0) {
            return false;
        }
        for (int bytes = 1; bytes <= 14; bytes++) {
            long start = end - 7 - 8L * bytes;
            if (start >= 0 && bits(block, start, 3) == ID_FIL && bits(block, start + 3, 4) == bytes
                    && isSbr(bits(block, start + 7, 4))) {
                return true;
            }
        }
        for (int bytes = 15; bytes <= 15 + 255 - 1; bytes++) {
            long start = end - 15 - 8L * bytes;
            if (start >= 0 && bits(block, start, 3) == ID_FIL && bits(block, start + 3, 4) == 15
                    && bits(block, start + 7, 8) == bytes - 14 && isSbr(bits(block, start + 15, 4))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSbr(int extensionType) {
        return extensionType == EXT_SBR_DATA || extensionType == EXT_SBR_DATA_CRC;
    }

    /** Bit position of ID_END: the three bits ending at the last set bit; -1 when they are not 111. */
    private static long endElementStart(byte[] block) {
        for (int i = block.length - 1; i >= 0; i--) {
            if (block[i] != 0) {
                long lastSet = 8L * i + 7 - Integer.numberOfTrailingZeros(block[i] & 0xff);
                long start = lastSet - 2;
                return start >= 0 && bits(block, start, 3) == ID_END ? start : -1;
            }
        }
        return -1;
    }

    /** The {@code count} bits at {@code from}, or -1 past the end. */
    private static int bits(byte[] b, long from, int count) {
        BitReader r = new BitReader(b);
        try {
            r.skipBits(from);
            return r.readBits(count);
        } catch (CodecFormatException e) {
            return -1;
        }
    }
}
