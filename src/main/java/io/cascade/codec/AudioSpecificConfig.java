package io.cascade.codec;

import java.io.ByteArrayOutputStream;

/**
 * The start of an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1): enough to describe an
 * AAC track. Extension fields (SBR / PS signalling, GASpecificConfig) are not kept.
 *
 * @param objectType     audioObjectType (2 = AAC LC, 5 = SBR, 29 = PS …)
 * @param sampleRate     sampling frequency in Hz
 * @param channelConfig  channelConfiguration (0 = defined in a program config element, 7 = 7.1)
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channelConfig) {

    /** Table 1.18, samplingFrequencyIndex 0..12. */
    private static final int[] SAMPLE_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000,
            12000, 11025, 8000, 7350};

    public AudioSpecificConfig {
        if (objectType < 1 || objectType > 95) {
            throw new CodecFormatException("audio object type out of range: " + objectType);
        }
        if (sampleRate <= 0 || sampleRate > 0xffffff) {
            throw new CodecFormatException("sample rate out of range: " + sampleRate);
        }
        if (channelConfig < 0 || channelConfig > 15) {
            throw new CodecFormatException("channel configuration out of range: " + channelConfig);
        }
    }

    public static AudioSpecificConfig parse(byte[] asc) {
        BitReader r = new BitReader(asc);
        int objectType = r.readBits(5);
        if (objectType == 31) {
            objectType = 32 + r.readBits(6);
        }
        int index = r.readBits(4);
        int sampleRate = index == 15 ? r.readBits(24) : sampleRateOf(index);
        int channelConfig = r.readBits(4);
        if (objectType == 0) {
            throw new CodecFormatException("audio object type 0 is not a codec");
        }
        return new AudioSpecificConfig(objectType, sampleRate, channelConfig);
    }

    /** The config an ADTS stream implies: ADTS profile is the object type minus one. */
    public static AudioSpecificConfig fromAdts(AdtsHeader header) {
        return new AudioSpecificConfig(header.profile() + 1, sampleRateOf(header.sampleRateIndex()),
                header.channelConfig());
    }

    /** Sample rate for a samplingFrequencyIndex of the table. */
    public static int sampleRateOf(int index) {
        if (index < 0 || index >= SAMPLE_RATES.length) {
            throw new CodecFormatException("reserved sampling frequency index " + index);
        }
        return SAMPLE_RATES[index];
    }

    /** The table index of this sample rate, or -1 when it needs the explicit 24-bit form. */
    public int sampleRateIndex() {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == sampleRate) {
                return i;
            }
        }
        return -1;
    }

    /** Number of output channels; 0 when the layout lives in a program config element. */
    public int channels() {
        return switch (channelConfig) {
            case 7 -> 8;
            case 1, 2, 3, 4, 5, 6 -> channelConfig;
            default -> 0;
        };
    }

    /** The encoded config, padded with zero bits to a whole byte (2 bytes for AAC LC at a table rate). */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        if (objectType >= 31) {
            w.write(31, 5);
            w.write(objectType - 32, 6);
        } else {
            w.write(objectType, 5);
        }
        int index = sampleRateIndex();
        if (index < 0) {
            w.write(15, 4);
            w.write(sampleRate, 24);
        } else {
            w.write(index, 4);
        }
        w.write(channelConfig, 4);
        w.write(0, 3); // GASpecificConfig: frameLengthFlag, dependsOnCoreCoder, extensionFlag
        return w.toBytes();
    }

    /** Minimal MSB-first bit writer; only this record needs one. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                current = (current << 1) | ((value >>> i) & 1);
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toBytes() {
            if (used > 0) {
                out.write(current << (8 - used));
            }
            return out.toByteArray();
        }
    }
}
