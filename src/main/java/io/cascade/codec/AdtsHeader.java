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
    public static AdtsHeader parse(byte[] b, int off, int len) {
        if (len < MIN_LENGTH) {
            throw new CodecFormatException("ADTS header truncated: " + len + " bytes");
        }
        if (!startsAt(b, off, len)) {
            throw new CodecFormatException("no ADTS sync word at offset " + off);
        }
        BitReader r = new BitReader(b, off, MIN_LENGTH);
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
        AudioSpecificConfig.sampleRateOf(sampleRateIndex); // rejects reserved indexes
        AdtsHeader header = new AdtsHeader(profile, sampleRateIndex, channelConfig, frameLength, protectionAbsent, blocks);
        if (frameLength < header.headerLength()) {
            throw new CodecFormatException("ADTS frame length " + frameLength + " shorter than its header");
        }
        return header;
    }

    /** A 7-byte header (no CRC) for one raw data block of {@code payloadLength} bytes. */
    public static byte[] write(AudioSpecificConfig asc, int payloadLength) {
        int profile = adtsProfile(asc.objectType());
        int index = asc.sampleRateIndex();
        if (index < 0) {
            throw new CodecFormatException("ADTS cannot signal sample rate " + asc.sampleRate());
        }
        if (asc.channelConfig() > 7) {
            throw new CodecFormatException("ADTS cannot signal channel configuration " + asc.channelConfig());
        }
        int frameLength = payloadLength + MIN_LENGTH;
        if (payloadLength < 0 || frameLength > 0x1fff) {
            throw new CodecFormatException("AAC frame of " + payloadLength + " bytes does not fit ADTS");
        }
        return new byte[] {
                (byte) 0xff,
                (byte) 0xf1, // MPEG-4, layer 0, protection absent
                (byte) ((profile << 6) | (index << 2) | (asc.channelConfig() >> 2)),
                (byte) (((asc.channelConfig() & 3) << 6) | (frameLength >> 11)),
                (byte) (frameLength >> 3),
                (byte) (((frameLength & 7) << 5) | 0x1f), // buffer fullness 0x7FF: variable rate
                (byte) 0xfc, // buffer fullness low bits, one raw data block
        };
    }

    /** HE-AAC (SBR, PS) travels in ADTS as its AAC LC core with implicit signalling. */
    private static int adtsProfile(int objectType) {
        if (objectType >= 1 && objectType <= 4) {
            return objectType - 1;
        }
        if (objectType == 5 || objectType == 29) {
            return 1;
        }
        throw new CodecFormatException("ADTS cannot carry audio object type " + objectType);
    }
}
