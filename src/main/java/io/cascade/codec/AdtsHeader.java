package io.cascade.codec;

/**
 * An ADTS frame header (ISO/IEC 14496-3 1.A.2.2.1, ISO/IEC 13818-7 6.2): the framing of AAC in
 * MPEG-TS and raw {@code .aac} streams.
 *
 * @param profile            profile_ObjectType, the audio object type minus one
 * @param sampleRateIndex    sampling_frequency_index
 * @param channelConfig      channel_configuration
 * @param frameLength        aac_frame_length: header plus payload, in bytes
 * @param protectionAbsent   true when no CRC follows the fixed 7 bytes
 * @param rawDataBlocks      number_of_raw_data_blocks_in_frame + 1
 */
public record AdtsHeader(int profile, int sampleRateIndex, int channelConfig, int frameLength,
                         boolean protectionAbsent, int rawDataBlocks) {

    /** Bytes of a header without CRC. */
    public static final int MIN_LENGTH = 7;

    public int headerLength() {
        return protectionAbsent ? 7 : 9;
    }

    public int payloadLength() {
        return frameLength - headerLength();
    }

    /** True when {@code b[off..]} starts with the 12-bit ADTS sync word and layer 0. */
    public static boolean startsAt(byte[] b, int off, int len) {
        return len >= 2 && (b[off] & 0xff) == 0xff && (b[off + 1] & 0xf6) == 0xf0;
    }

    /** Parses the header at {@code b[off]}, of which {@code len} bytes are available. */
    public static AdtsHeader parse(byte[] b, int off, int len) throws CodecFormatException {
        if (len < MIN_LENGTH) {
            throw new CodecFormatException("ADTS header truncated: " + len + " bytes", off, MIN_LENGTH + " bytes");
        }
        if (!startsAt(b, off, len)) {
            throw new CodecFormatException("no ADTS sync word", off, "0xFFF sync word and layer 0");
        }
        BitReader r = new BitReader(b, off, MIN_LENGTH).reading("ADTS header");
        r.skipBits(15); // syncword, ID, layer
        boolean protectionAbsent = r.readFlag();
        int profile = r.readBits(2);
        int sampleRateIndex = r.readBits(4);
        r.skipBits(1); // private_bit
        int channelConfig = r.readBits(3);
        r.skipBits(4); // original_copy, home, copyright bits
        int frameLength = r.readBits(13);
        r.skipBits(11); // adts_buffer_fullness
        int blocks = r.readBits(2) + 1;
        if (sampleRateIndex > 12) {
            throw new CodecFormatException("ADTS header", off + 2, "a sampling frequency index up to 12, got " + sampleRateIndex);
        }
        AdtsHeader header = new AdtsHeader(profile, sampleRateIndex, channelConfig, frameLength, protectionAbsent, blocks);
        if (frameLength < header.headerLength()) {
            throw new CodecFormatException("ADTS header", off + 3, "a frame length of at least "
                    + header.headerLength() + ", got " + frameLength);
        }
        return header;
    }

    /** A 7-byte header (no CRC) for one raw data block of {@code payloadLength} bytes. */
    public static byte[] write(AudioSpecificConfig asc, int payloadLength) throws CodecFormatException {
        if (asc.channelConfig() > 7) {
            throw new CodecFormatException("ADTS cannot signal channel configuration " + asc.channelConfig());
        }
        return header(asc, asc.channelConfig(), payloadLength);
    }

    private static byte[] header(AudioSpecificConfig asc, int channelConfig, int payloadLength)
            throws CodecFormatException {
        int profile = adtsProfile(asc.coreObjectType());
        int index = asc.sampleRateIndex();
        if (index < 0) {
            throw new CodecFormatException("ADTS cannot signal sample rate " + asc.coreSampleRate());
        }
        int frameLength = payloadLength + MIN_LENGTH;
        if (payloadLength < 0 || frameLength > 0x1fff) {
            throw new CodecFormatException("AAC frame of " + payloadLength + " bytes does not fit ADTS");
        }
        return new byte[] {
                (byte) 0xff,
                (byte) 0xf1, // MPEG-4, layer 0, protection absent
                (byte) ((profile << 6) | (index << 2) | (channelConfig >> 2)),
                (byte) (((channelConfig & 3) << 6) | (frameLength >> 11)),
                (byte) (frameLength >> 3),
                (byte) (((frameLength & 7) << 5) | 0x1f), // buffer fullness 0x7FF: variable rate
                (byte) 0xfc, // buffer fullness low bits, one raw data block
        };
    }

    /**
     * A whole ADTS frame for one raw data block. A layout given by a program config element
     * (channel configuration 0), or one beyond ADTS's 3 bits (11, 12), travels in-band as a
     * program config element leading the raw block, unless the block already starts with one.
     */
    public static byte[] frame(AudioSpecificConfig asc, byte[] rawBlock) throws CodecFormatException {
        ProgramConfigElement layout = asc.pce();
        if (layout == null && asc.channelConfig() > 7) {
            layout = ProgramConfigElement.standard(asc.channelConfig(), adtsProfile(asc.coreObjectType()),
                    asc.sampleRateIndex()).orElseThrow(() -> new CodecFormatException(
                            "ADTS cannot signal channel configuration " + asc.channelConfig()));
        }
        byte[] pce = new byte[0];
        if (layout != null && AacRawBlock.programConfig(rawBlock).isEmpty()) {
            BitWriter w = new BitWriter().write(AacRawBlock.ID_PCE, 3);
            layout.write(w);
            pce = w.toBytes(); // whole bytes: the element ends at its byte-aligned comment field
        }
        byte[] header = header(asc, layout != null ? 0 : asc.channelConfig(), pce.length + rawBlock.length);
        byte[] out = new byte[header.length + pce.length + rawBlock.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(pce, 0, out, header.length, pce.length);
        System.arraycopy(rawBlock, 0, out, header.length + pce.length, rawBlock.length);
        return out;
    }

    /** HE-AAC (SBR, PS) travels in ADTS as its AAC LC core with implicit signalling. */
    private static int adtsProfile(int coreObjectType) throws CodecFormatException {
        if (coreObjectType >= 1 && coreObjectType <= 4) {
            return coreObjectType - 1;
        }
        throw new CodecFormatException("ADTS cannot carry audio object type " + coreObjectType);
    }
}
