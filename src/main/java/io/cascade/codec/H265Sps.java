package io.cascade.codec;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2, VUI in E.2.1) that
 * containers and playlists need.
 *
 * @param profileTierLevel    the general profile, tier and level
 * @param maxSubLayers        sps_max_sub_layers_minus1 + 1
 * @param temporalIdNesting   sps_temporal_id_nesting_flag
 * @param chromaFormatIdc     chroma_format_idc
 * @param bitDepthLuma        luma bit depth
 * @param bitDepthChroma      chroma bit depth
 * @param width               width in pixels after the conformance window
 * @param height              height in pixels after the conformance window
 * @param frameRate           frames per second from VUI timing info, 0 when absent
 */
public record H265Sps(HevcProfileTierLevel profileTierLevel, int maxSubLayers, boolean temporalIdNesting,
                      int chromaFormatIdc, int bitDepthLuma, int bitDepthChroma, int width, int height,
                      double frameRate) {

    /** Parses an SPS NAL unit, 2-byte header included, emulation prevention still in place. */
    public static H265Sps parse(byte[] nal) throws CodecFormatException {
        if (nal.length < 4 || Nal.h265Type(nal) != Nal.H265_SPS) {
            throw new CodecFormatException("not an H.265 SPS NAL unit");
        }
        byte[] rbsp = Nal.unescape(nal, 2, nal.length - 2);
        return new Parser(new BitReader(rbsp)).parse();
    }

    private static final class Parser {
        private final BitReader r;
        private int[] numDeltaPocs;

        Parser(BitReader r) {
            this.r = r;
        }

        H265Sps parse() throws CodecFormatException {
            r.skipBits(4); // sps_video_parameter_set_id
            int maxSubLayersMinus1 = r.readBits(3);
            if (maxSubLayersMinus1 > 6) {
                throw new CodecFormatException("sps_max_sub_layers_minus1 = 7 is not allowed");
            }
            boolean temporalIdNesting = r.readFlag();
            HevcProfileTierLevel ptl = HevcProfileTierLevel.read(r, maxSubLayersMinus1);
            r.readUe("sps_seq_parameter_set_id", 15);
            int chromaFormatIdc = r.readUe("chroma_format_idc", 3);
            boolean separateColourPlane = chromaFormatIdc == 3 && r.readFlag();
            long width = r.readUe("pic_width_in_luma_samples", 65535);
            long height = r.readUe("pic_height_in_luma_samples", 65535);
            if (r.readFlag()) { // conformance_window_flag
                int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
                int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
                int subHeight = chromaArrayType == 1 ? 2 : 1;
                long left = r.readUe();
                long right = r.readUe();
                long top = r.readUe();
                long bottom = r.readUe();
                width -= subWidth * (left + right);
                height -= subHeight * (top + bottom);
            }
            if (width <= 0 || height <= 0) {
                throw new CodecFormatException("SPS conformance window leaves no picture: " + width + "x" + height);
            }
            int bitDepthLuma = 8 + r.readUe("bit_depth_luma_minus8", 8);
            int bitDepthChroma = 8 + r.readUe("bit_depth_chroma_minus8", 8);
            int log2MaxPocLsb = 4 + r.readUe("log2_max_pic_order_cnt_lsb_minus4", 12);
            boolean orderingInfoForAll = r.readFlag();
            for (int i = orderingInfoForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
                r.readUe();
                r.readUe();
                r.readUe();
            }
            for (int i = 0; i < 6; i++) { // coding / transform block sizes and hierarchy depths
                r.readUe();
            }
            if (r.readFlag() && r.readFlag()) { // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
                skipScalingListData();
            }
            r.skipBits(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
            if (r.readFlag()) { // pcm_enabled_flag
                r.skipBits(8);
                r.readUe();
                r.readUe();
                r.skipBits(1);
            }
            int numShortTermRps = r.readUe("num_short_term_ref_pic_sets", 64);
            numDeltaPocs = new int[numShortTermRps];
            for (int i = 0; i < numShortTermRps; i++) {
                skipShortTermRefPicSet(i);
            }
            if (r.readFlag()) { // long_term_ref_pics_present_flag
                int count = r.readUe("num_long_term_ref_pics_sps", 32);
                r.skipBits((long) count * (log2MaxPocLsb + 1));
            }
            r.skipBits(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
            double frameRate = r.readFlag() ? vuiFrameRate() : 0;
            return new H265Sps(ptl, maxSubLayersMinus1 + 1, temporalIdNesting, chromaFormatIdc,
                    bitDepthLuma, bitDepthChroma, (int) width, (int) height, frameRate);
        }

        private void skipScalingListData() throws CodecFormatException {
            for (int sizeId = 0; sizeId < 4; sizeId++) {
                for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                    if (!r.readFlag()) { // scaling_list_pred_mode_flag
                        r.readUe(); // scaling_list_pred_matrix_id_delta
                        continue;
                    }
                    int coefficients = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        r.readSe(); // scaling_list_dc_coef_minus8
                    }
                    for (int i = 0; i < coefficients; i++) {
                        r.readSe();
                    }
                }
            }
        }

        /** st_ref_pic_set(idx) as it appears in an SPS (7.3.7), tracking NumDeltaPocs for predicted sets. */
        private void skipShortTermRefPicSet(int idx) throws CodecFormatException {
            boolean interPrediction = idx != 0 && r.readFlag();
            if (interPrediction) {
                r.skipBits(1); // delta_rps_sign
                r.readUe(); // abs_delta_rps_minus1
                int refDeltaPocs = numDeltaPocs[idx - 1]; // delta_idx_minus1 is absent in an SPS
                int count = 0;
                for (int j = 0; j <= refDeltaPocs; j++) {
                    boolean usedByCurrPic = r.readFlag();
                    boolean useDelta = usedByCurrPic || r.readFlag();
                    if (useDelta) {
                        count++;
                    }
                }
                numDeltaPocs[idx] = count;
            } else {
                int negative = r.readUe("num_negative_pics", 16);
                int positive = r.readUe("num_positive_pics", 16);
                for (int i = 0; i < negative + positive; i++) {
                    r.readUe(); // delta_poc_sX_minus1
                    r.skipBits(1); // used_by_curr_pic_sX_flag
                }
                numDeltaPocs[idx] = negative + positive;
            }
        }

        /** Walks the VUI (E.2.1) up to vui_timing_info; returns 0 when timing is absent. */
        private double vuiFrameRate() throws CodecFormatException {
            if (r.readFlag() && r.readBits(8) == 255) { // aspect_ratio_info_present_flag, EXTENDED_SAR
                r.skipBits(32);
            }
            if (r.readFlag()) { // overscan_info_present_flag
                r.skipBits(1);
            }
            if (r.readFlag()) { // video_signal_type_present_flag
                r.skipBits(4);
                if (r.readFlag()) {
                    r.skipBits(24);
                }
            }
            if (r.readFlag()) { // chroma_loc_info_present_flag
                r.readUe();
                r.readUe();
            }
            r.skipBits(3); // neutral_chroma_indication, field_seq, frame_field_info_present
            if (r.readFlag()) { // default_display_window_flag
                for (int i = 0; i < 4; i++) {
                    r.readUe();
                }
            }
            if (!r.readFlag()) { // vui_timing_info_present_flag
                return 0;
            }
            long numUnitsInTick = r.readLong(32);
            long timeScale = r.readLong(32);
            // unlike H.264, H.265 counts one tick per picture, not per field
            return numUnitsInTick == 0 ? 0 : (double) timeScale / numUnitsInTick;
        }
    }
}
