package io.cascade.rtmp;

/**
 * Sample rate and channel count from the first bits of an AudioSpecificConfig
 * (ISO/IEC 14496-3, 1.6.2.1); just enough to describe an AAC track.
 */
record AudioSpecificConfigSummary(int objectType, int sampleRate, int channels) {
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
            11025, 8000, 7350};

    static AudioSpecificConfigSummary parse(byte[] asc) throws RtmpProtocolException {
        if (asc.length < 2) {
            throw new RtmpProtocolException("AudioSpecificConfig of " + asc.length + " bytes");
        }
        BitCursor bits = new BitCursor(asc);
        int objectType = bits.read(5);
        if (objectType == 31) {
            objectType = 32 + bits.read(6);
        }
        int index = bits.read(4);
        int rate;
        if (index == 15) {
            rate = bits.read(24);
        } else if (index < RATES.length) {
            rate = RATES[index];
        } else {
            throw new RtmpProtocolException("AudioSpecificConfig sampling frequency index " + index);
        }
        int channelConfig = bits.read(4);
        // configuration 7 is 7.1 (8 channels); 0 means "in the program config element", counted as stereo
        int channels = channelConfig == 7 ? 8 : channelConfig == 0 ? 2 : channelConfig;
        return new AudioSpecificConfigSummary(objectType, rate, channels);
    }

    private static final class BitCursor {
        private final byte[] data;
        private int position;

        BitCursor(byte[] data) {
            this.data = data;
        }

        int read(int count) throws RtmpProtocolException {
            if (position + count > data.length * 8) {
                throw new RtmpProtocolException("AudioSpecificConfig truncated");
            }
            int value = 0;
            for (int i = 0; i < count; i++, position++) {
                value = value << 1 | (data[position >> 3] >> (7 - (position & 7))) & 1;
            }
            return value;
        }
    }
}
