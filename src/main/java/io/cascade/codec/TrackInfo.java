package io.cascade.codec;

import io.cascade.media.Codec;
import io.cascade.media.Track;

/**
 * Makes {@link Track}s from codec configuration, reading dimensions and rates out of it: the one
 * place where every container (MP4, MPEG-TS, FLV, CMAF) turns a config into a track description,
 * so one stream is described alike whatever it arrived in.
 */
public final class TrackInfo {
    private TrackInfo() {
    }

    /** A video track whose size and frame rate come from the first SPS inside {@code config} (avcC / hvcC body). */
    public static Track videoTrack(int id, Codec codec, byte[] config) throws CodecFormatException {
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
    public static Track audioTrack(int id, byte[] asc) throws CodecFormatException {
        return audioTrack(id, asc, 0);
    }

    /**
     * An AAC track as {@link AudioSpecificConfig#sampleRate()} and {@link AudioSpecificConfig#channels()}
     * say; {@code containerChannels} (the MP4 sample entry's or FLV's count) only when the config
     * leaves the layout to a program config element it does not hold.
     */
    public static Track audioTrack(int id, byte[] asc, int containerChannels) throws CodecFormatException {
        AudioSpecificConfig parsed = AudioSpecificConfig.parse(asc);
        int channels = parsed.channels() > 0 ? parsed.channels() : containerChannels;
        return Track.audio(id, Codec.AAC, asc, parsed.sampleRate(), channels);
    }
}
