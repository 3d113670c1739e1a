package io.cascade.mp4;

import java.util.Optional;

/**
 * The output sample rate and channel count an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3)
 * announces. Only the leading fields are read: enough to describe the track, not to decode it.
 */
record AudioSpecificConfig(int objectType, int sampleRate, int channels) {
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050,
        16000, 12000, 11025, 8000, 7350};
    /** channelConfiguration → channels; 0 means "given by a program config element". */
    private static final int[] CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 24, 8, 0};
    private static final int SBR = 5;
    private static final int PS = 29;

    /** The announced values, or empty when the config is too short or uses a reserved rate index. */
    static Optional<AudioSpecificConfig> parse(byte[] asc) {
        Bits in = new Bits(asc);
        if (asc.length < 2) {
            return Optional.empty();
        }
        int objectType = objectType(in);
        int rate = rate(in);
        int channels = CHANNELS[in.read(4)];
        if (objectType == SBR || objectType == PS) {
            // explicit hierarchical signalling: the extension rate is what comes out of the decoder
            rate = rate(in);
        }
        if (in.overrun() || rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(new AudioSpecificConfig(objectType, rate, channels));
    }

    private static int objectType(Bits in) {
        int type = in.read(5);
        return type == 31 ? 32 + in.read(6) : type;
    }

    private static int rate(Bits in) {
        int index = in.read(4);
        if (index == 15) {
            return in.read(24);
        }
        return index < RATES.length ? RATES[index] : -1;
    }

    /** MSB-first bit reader that reads zeros past the end and remembers having done so. */
    private static final class Bits {
        private final byte[] data;
        private int bit;

        Bits(byte[] data) {
            this.data = data;
        }

        int read(int n) {
            int v = 0;
            for (int i = 0; i < n; i++, bit++) {
                int b = bit / 8 < data.length ? (data[bit / 8] >>> (7 - bit % 8)) & 1 : 0;
                v = (v << 1) | b;
            }
            return v;
        }

        boolean overrun() {
            return bit > data.length * 8;
        }
    }
}
