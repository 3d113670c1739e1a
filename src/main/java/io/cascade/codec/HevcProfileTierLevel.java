package io.cascade.codec;

/**
 * The general part of an H.265 profile_tier_level() (7.3.3): what {@code hvcC} and the
 * {@code hvc1} codec string repeat.
 *
 * @param profileSpace        general_profile_space (0..3)
 * @param tier                general_tier_flag (0 Main, 1 High)
 * @param profileIdc          general_profile_idc
 * @param compatibilityFlags  general_profile_compatibility_flag[0..31], flag 0 in the most significant bit
 * @param constraintFlags     the 48 bits from general_progressive_source_flag on, in the low 48 bits
 * @param levelIdc            general_level_idc (30 × level number)
 */
public record HevcProfileTierLevel(int profileSpace, int tier, int profileIdc, int compatibilityFlags,
                                   long constraintFlags, int levelIdc) {

    /** Reads profile_tier_level(1, maxSubLayersMinus1), skipping the sub-layer parts. */
    static HevcProfileTierLevel read(BitReader r, int maxSubLayersMinus1) throws CodecFormatException {
        int profileSpace = r.readBits(2);
        int tier = r.readBits(1);
        int profileIdc = r.readBits(5);
        int compatibility = r.readBits(32);
        long constraints = r.readLong(48);
        int levelIdc = r.readBits(8);
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skipBits(2L * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skipBits(88);
            }
            if (levelPresent[i]) {
                r.skipBits(8);
            }
        }
        return new HevcProfileTierLevel(profileSpace, tier, profileIdc, compatibility, constraints, levelIdc);
    }
}
