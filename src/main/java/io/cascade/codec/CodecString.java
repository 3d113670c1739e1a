package io.cascade.codec;

import io.cascade.media.Track;

import java.util.HexFormat;

/** RFC 6381 {@code codecs} parameter values, as HLS and DASH manifests carry them. */
public final class CodecString {
    private CodecString() {
    }

    /** The codec string of a track; its config was checked when the track was made. */
    public static String of(Track track) {
        try {
            return switch (track.codec()) {
                case H264 -> avc(AvcConfig.parse(track.config()));
                case H265 -> hevc(HevcConfig.parse(track.config()).firstSps().profileTierLevel());
                case AAC -> "mp4a.40." + AudioSpecificConfig.parse(track.config()).objectType();
            };
        } catch (CodecFormatException e) {
            throw new IllegalArgumentException("track " + track.id() + " has an unreadable " + track.codec() + " config", e);
        }
    }

    /** {@code avc1.PPCCLL}: profile_idc, the constraint flag byte and level_idc of the SPS, in hex. */
    static String avc(AvcConfig config) throws CodecFormatException {
        byte[] sps = config.sps().getFirst();
        if (sps.length < 4) {
            throw new CodecFormatException("SPS too short for a codec string", 0, "at least 4 bytes");
        }
        return "avc1." + HexFormat.of().formatHex(sps, 1, 4);
    }

    /**
     * {@code hvc1.[A-C]?profile.compat.(L|H)level(.constraint)*} per ISO/IEC 14496-15 Annex E:
     * compatibility flags bit-reversed in hex, constraint bytes in hex with trailing zero bytes left out.
     */
    static String hevc(HevcProfileTierLevel ptl) {
        StringBuilder s = new StringBuilder("hvc1.");
        if (ptl.profileSpace() > 0) {
            s.append((char) ('A' + ptl.profileSpace() - 1));
        }
        s.append(ptl.profileIdc()).append('.');
        s.append(Integer.toHexString(Integer.reverse(ptl.compatibilityFlags())).toUpperCase());
        s.append('.').append(ptl.tier() == 0 ? 'L' : 'H').append(ptl.levelIdc());
        long constraints = ptl.constraintFlags();
        int lastNonZero = -1;
        for (int i = 0; i < 6; i++) {
            if (constraintByte(constraints, i) != 0) {
                lastNonZero = i;
            }
        }
        for (int i = 0; i <= lastNonZero; i++) {
            s.append('.').append(Integer.toHexString(constraintByte(constraints, i)).toUpperCase());
        }
        return s.toString();
    }

    private static int constraintByte(long constraints, int index) {
        return (int) (constraints >>> (8 * (5 - index))) & 0xff;
    }
}
