package io.cascade.stream;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.CodecFormatException;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.HexFormat;
import java.util.List;

/** Tracks and frames for segmenter tests that need no encoder: a real 320x180 H.264 SPS/PPS, any payload. */
public final class SyntheticTracks {
    private static final byte[] SPS = HexFormat.of().parseHex("6764000cacb202833f3e0220000003002000000641e28549");
    private static final byte[] PPS = HexFormat.of().parseHex("68ebc3cb22c0");
    public static final Track VIDEO = Track.video(1, Codec.H264, avcC(), 320, 180, 25);
    public static final Track AUDIO = Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2);
    public static final long AUDIO_FRAME = 1920;

    private SyntheticTracks() {
    }

    private static byte[] avcC() {
        try {
            return AvcConfig.build(List.of(SPS), List.of(PPS));
        } catch (CodecFormatException e) {
            throw new IllegalStateException("the SPS above is x264's and parses", e);
        }
    }

    public static Frame video(long dts, long duration, boolean keyframe, int size) {
        byte[] data = new byte[Math.max(6, size)];
        data[3] = (byte) (data.length - 4);
        data[4] = (byte) (keyframe ? 0x65 : 0x41);
        return new Frame(1, dts, dts, duration, keyframe, data);
    }

    public static Frame audio(long dts) {
        return new Frame(2, dts, dts, AUDIO_FRAME, true, new byte[] {1, 2, 3});
    }
}
