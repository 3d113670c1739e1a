package io.cascade.codec;

import io.cascade.media.Codec;
import io.cascade.media.Track;

/** Makes {@link Track}s from codec configuration, reading dimensions and rates out of it. */
public final class TrackInfo {
    private TrackInfo() {
    }

    /** A video track whose size and frame rate come from the first SPS inside {@code config} (avcC / hvcC body). */
    public static Track videoTrack(int id, Codec codec, byte[] config) {
        return switch (codec) {
            case H264 -> {
                H264Sps sps = AvcConfig.parse(config).firstSps();
                yield Track.video(id, codec, config, sps.width(), sps.height(), sps.frameRate());
            }
            case H265 -> {
                H265Sps sps = HevcConfig.parse(config).firstSps();
                yield Track.video(id, codec, config, sps.width(), sps.height(), sps.frameRate());
            }
            case AAC -> throw new IllegalArgumentException("AAC is not a video codec");
        };
    }

    /** An AAC track whose sample rate and channel count come from the AudioSpecificConfig. */
    public static Track audioTrack(int id, byte[] asc) {
        AudioSpecificConfig parsed = AudioSpecificConfig.parse(asc);
        return Track.audio(id, Codec.AAC, asc, parsed.sampleRate(), parsed.channels());
    }
}
