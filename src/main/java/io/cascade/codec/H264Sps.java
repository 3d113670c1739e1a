package io.cascade.codec;

import java.util.Set;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1, VUI in E.1.1) that
 * containers and playlists need.
 *
 * @param profileIdc        profile_idc
 * @param constraintFlags   the byte holding constraint_set0_flag .. constraint_set5_flag and reserved bits
 * @param levelIdc          level_idc
 * @param spsId             seq_parameter_set_id
 * @param chromaFormatIdc   chroma_format_idc (1 = 4:2:0 unless signalled)
 * @param bitDepthLuma      luma bit depth
 * @param bitDepthChroma    chroma bit depth
 * @param width             displayed width in pixels (after cropping)
 * @param height            displayed height in pixels (after cropping)
 * @param frameRate         frames per second from VUI timing info, 0 when absent
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int spsId, int chromaFormatIdc,
                      int bitDepthLuma, int bitDepthChroma, int width, int height, double frameRate) {

    /** Profiles whose SPS carries chroma format, bit depths and scaling matrices. */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

    /** Parses an SPS NAL unit, header byte included, emulation prevention still in place. */
    public static H264Sps parse(byte[] nal) throws CodecFormatException {
        if (nal.length < 4 || Nal.h264Type(nal) != Nal.H264_SPS) {
            throw new CodecFormatException("not an H.264 SPS NAL unit");
        }
        byte[] rbsp = Nal.unescape(nal, 1, nal.length - 1);
        return new Parser(new BitReader(rbsp)).parse();
    }

    /** Whether avcC must carry the chroma / bit depth extension for this profile (ISO/IEC 14496-15 5.3.3.1.2). */
    public boolean hasHighProfileExtension() {
        return profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144;
    }

    private static final class Parser {
        private final BitReader r;

        Parser(BitReader r) {
            this.r = r;
        }

        H264Sps parse() throws CodecFormatException {
            int profileIdc = r.readBits(8);
            int constraintFlags = r.readBits(8);
            int levelIdc = r.readBits(8);
            int spsId = r.readUe("seq_parameter_set_id", 31);
            int chromaFormatIdc = 1;
            boolean separateColourPlane = false;
            int bitDepthLuma = 8;
            int bitDepthChroma = 8;
            if (HIGH_PROFILES.contains(profileIdc)) {
                chromaFormatIdc = r.readUe("chroma_format_idc", 3);
                if (chromaFormatIdc == 3) {
                    separateColourPlane = r.readFlag();
                }
                bitDepthLuma = 8 + r.readUe("bit_depth_luma_minus8", 6);
                bitDepthChroma = 8 + r.readUe("bit_depth_chroma_minus8", 6);
                r.skipBits(1); // qpprime_y_zero_transform_bypass_flag
                if (r.readFlag()) {
                    skipScalingMatrices(chromaFormatIdc != 3 ? 8 : 12);
                }
            }
            r.readUe("log2_max_frame_num_minus4", 12);
            skipPicOrderCount();
            r.readUe("max_num_ref_frames", 255);
            r.skipBits(1); // gaps_in_frame_num_value_allowed_flag
            int widthInMbs = r.readUe("pic_width_in_mbs_minus1", 65535) + 1;
            int heightInMapUnits = r.readUe("pic_height_in_map_units_minus1", 65535) + 1;
            boolean frameMbsOnly = r.readFlag();
            if (!frameMbsOnly) {
                r.skipBits(1); // mb_adaptive_frame_field_flag
            }
            r.skipBits(1); // direct_8x8_inference_flag
            int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int cropUnitX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2);
            int cropUnitY = (chromaArrayType == 0 ? 1 : (chromaArrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
            long width = widthInMbs * 16L;
            long height = heightInMapUnits * 16L * (frameMbsOnly ? 1 : 2);
            if (r.readFlag()) { // frame_cropping_flag
                long left = r.readUe();
                long right = r.readUe();
                long top = r.readUe();
                long bottom = r.readUe();
                width -= cropUnitX * (left + right);
                height -= cropUnitY * (top + bottom);
            }
            if (width <= 0 || height <= 0) {
                throw new CodecFormatException("SPS cropping leaves no picture: " + width + "x" + height);
            }
            double frameRate = r.readFlag() ? vuiFrameRate() : 0;
            return new H264Sps(profileIdc, constraintFlags, levelIdc, spsId, chromaFormatIdc,
                    bitDepthLuma, bitDepthChroma, (int) width, (int) height, frameRate);
        }

        private void skipScalingMatrices(int count) throws CodecFormatException {
            for (int i = 0; i < count; i++) {
                if (r.readFlag()) {
                    skipScalingList(i < 6 ? 16 : 64);
                }
            }
        }

        private void skipScalingList(int size) throws CodecFormatException {
            int lastScale = 8;
            int nextScale = 8;
            for (int j = 0; j < size; j++) {
                if (nextScale != 0) {
                    int delta = r.readSe();
                    nextScale = Math.floorMod(lastScale + delta, 256);
                }
                lastScale = nextScale == 0 ? lastScale : nextScale;
            }
        }

        private void skipPicOrderCount() throws CodecFormatException {
            int type = r.readUe("pic_order_cnt_type", 2);
            if (type == 0) {
                r.readUe("log2_max_pic_order_cnt_lsb_minus4", 12);
            } else if (type == 1) {
                r.skipBits(1); // delta_pic_order_always_zero_flag
                r.readSe(); // offset_for_non_ref_pic
                r.readSe(); // offset_for_top_to_bottom_field
                int cycle = r.readUe("num_ref_frames_in_pic_order_cnt_cycle", 255);
                for (int i = 0; i < cycle; i++) {
                    r.readSe();
                }
            }
        }

        /** Walks the VUI (E.1.1) up to timing_info; returns 0 when timing is absent. */
        private double vuiFrameRate() throws CodecFormatException {
            if (r.readFlag()) { // aspect_ratio_info_present_flag
                if (r.readBits(8) == 255) { // Extended_SAR
                    r.skipBits(32);
                }
            }
            if (r.readFlag()) { // overscan_info_present_flag
                r.skipBits(1);
            }
            if (r.readFlag()) { // video_signal_type_present_flag
                r.skipBits(4);
                if (r.readFlag()) { // colour_description_present_flag
                    r.skipBits(24);
                }
            }
            if (r.readFlag()) { // chroma_loc_info_present_flag
                r.readUe();
                r.readUe();
            }
            if (!r.readFlag()) { // timing_info_present_flag
                return 0;
            }
            long numUnitsInTick = r.readLong(32);
            long timeScale = r.readLong(32);
            return numUnitsInTick == 0 ? 0 : timeScale / (2.0 * numUnitsInTick);
        }
    }
}
