package io.cascade.codec;

/**
 * The fields of an H.265 video parameter set (ITU-T H.265 7.3.2.1) that describe a stream: what
 * an RTSP {@code sprop-vps} or an {@code hvcC} array carries, checked before it is trusted.
 *
 * @param vpsId              vps_video_parameter_set_id
 * @param maxSubLayers       vps_max_sub_layers_minus1 + 1
 * @param temporalIdNesting  vps_temporal_id_nesting_flag
 * @param profileTierLevel   the general profile, tier and level
 */
public record H265Vps(int vpsId, int maxSubLayers, boolean temporalIdNesting, HevcProfileTierLevel profileTierLevel) {

    /** Parses a VPS NAL unit, 2-byte header included, emulation prevention still in place. */
    public static H265Vps parse(byte[] nal) throws CodecFormatException {
        if (nal.length < 4 || Nal.h265Type(nal) != Nal.H265_VPS) {
            throw new CodecFormatException("H.265 VPS", 0, "a NAL unit of type 32 (VPS)");
        }
        BitReader r = new BitReader(Nal.unescape(nal, 2, nal.length - 2)).reading("H.265 VPS");
        int id = r.readBits(4);
        r.skipBits(2 + 6); // vps_base_layer_internal_flag, vps_base_layer_available_flag, vps_max_layers_minus1
        int maxSubLayersMinus1 = r.readBits(3);
        if (maxSubLayersMinus1 > 6) {
            throw r.fail("vps_max_sub_layers_minus1 up to 6");
        }
        boolean nesting = r.readFlag();
        if (r.readBits(16) != 0xffff) {
            throw r.fail("vps_reserved_0xffff_16bits");
        }
        HevcProfileTierLevel ptl = HevcProfileTierLevel.read(r, maxSubLayersMinus1);
        return new H265Vps(id, maxSubLayersMinus1 + 1, nesting, ptl);
    }
}
