package io.cascade.mpegts;

import io.cascade.media.Codec;

/** The PMT stream_type values this package carries (ISO/IEC 13818-1 Table 2-34). */
enum StreamType {
    AAC_ADTS(0x0F, Codec.AAC, 0xC0),
    H264(0x1B, Codec.H264, 0xE0),
    H265(0x24, Codec.H265, 0xE0);

    final int value;
    final Codec codec;
    /** PES stream_id: first audio / first video stream. */
    final int streamId;

    StreamType(int value, Codec codec, int streamId) {
        this.value = value;
        this.codec = codec;
        this.streamId = streamId;
    }

    /** The type for a stream_type byte, or null for types this package ignores. */
    static StreamType fromValue(int value) {
        for (StreamType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        return null;
    }

    static StreamType of(Codec codec) {
        return switch (codec) {
            case H264 -> H264;
            case H265 -> H265;
            case AAC -> AAC_ADTS;
        };
    }
}
