package io.cascade.rtp;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.CodecFormatException;
import io.cascade.codec.Nal;

import java.util.List;

/**
 * H.264 over RTP, RFC 6184 non-interleaved mode: single NAL units, STAP-A (5.7.1) and FU-A
 * (5.8). STAP-B, MTAP and FU-B belong to the interleaved mode, which is refused in the SDP.
 */
public final class H264Depacketizer extends NalDepacketizer {
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    private byte[] sps;
    private byte[] pps;

    /** @param spropParameterSets the SDP's {@code sprop-parameter-sets}, empty when absent */
    public H264Depacketizer(String spropParameterSets) throws RtpFormatException {
        initial(base64List(spropParameterSets));
    }

    @Override
    int headerBytes() {
        return 1;
    }

    @Override
    int nalType(byte[] payload, int offset) {
        return payload[offset] & 0x1f;
    }

    @Override
    boolean isAggregation(int type) {
        return type == STAP_A;
    }

    @Override
    boolean isFragment(int type) {
        return type == FU_A;
    }

    @Override
    byte[] fragmentNalHeader(byte[] p) {
        return new byte[]{(byte) ((p[0] & 0xe0) | (p[1] & 0x1f))};
    }

    @Override
    boolean fragmentStart(byte[] p) {
        return (p[1] & 0x80) != 0;
    }

    @Override
    boolean fragmentEnd(byte[] p) {
        return (p[1] & 0x40) != 0;
    }

    @Override
    boolean isKeyframe(int type) {
        return type == Nal.H264_IDR;
    }

    @Override
    boolean discard(int type) {
        return type == Nal.H264_AUD || type == Nal.H264_FILLER || type == 0 || type > 23;
    }

    @Override
    boolean parameterSet(int type, byte[] nal) {
        if (type == Nal.H264_SPS) {
            sps = nal;
            return true;
        }
        if (type == Nal.H264_PPS) {
            pps = nal;
            return true;
        }
        return false;
    }

    @Override
    byte[] buildConfig() throws CodecFormatException {
        return sps == null || pps == null ? null : AvcConfig.build(List.of(sps), List.of(pps));
    }
}
