package io.cascade.rtp;

import io.cascade.codec.CodecFormatException;
import io.cascade.codec.HevcConfig;
import io.cascade.codec.Nal;

import java.util.ArrayList;
import java.util.List;

/**
 * H.265 over RTP, RFC 7798 without DONL (sprop-max-don-diff 0, refused otherwise in the SDP):
 * single NAL units, aggregation packets (4.4.2) and fragmentation units (4.4.3).
 */
public final class H265Depacketizer extends NalDepacketizer {
    private static final int AP = 48;
    private static final int FU = 49;
    private static final int PACI = 50;

    private byte[] vps;
    private byte[] sps;
    private byte[] pps;

    /** @param parameterSets the SDP's {@code sprop-vps}, {@code sprop-sps} and {@code sprop-pps}, each possibly empty */
    public H265Depacketizer(String spropVps, String spropSps, String spropPps) throws RtpFormatException {
        List<byte[]> sets = new ArrayList<>(base64List(spropVps));
        sets.addAll(base64List(spropSps));
        sets.addAll(base64List(spropPps));
        initial(sets);
    }

    @Override
    int headerBytes() {
        return 2;
    }

    @Override
    int nalType(byte[] payload, int offset) {
        return (payload[offset] >> 1) & 0x3f;
    }

    @Override
    boolean isAggregation(int type) {
        return type == AP;
    }

    @Override
    boolean isFragment(int type) {
        return type == FU;
    }

    @Override
    byte[] fragmentNalHeader(byte[] p) {
        int type = p[2] & 0x3f;
        return new byte[]{(byte) ((p[0] & 0x81) | (type << 1)), p[1]};
    }

    @Override
    boolean fragmentStart(byte[] p) {
        return (p[2] & 0x80) != 0;
    }

    @Override
    boolean fragmentEnd(byte[] p) {
        return (p[2] & 0x40) != 0;
    }

    @Override
    boolean isKeyframe(int type) {
        return type >= Nal.H265_IRAP_FIRST && type <= Nal.H265_IRAP_LAST;
    }

    @Override
    boolean discard(int type) {
        return type == 35 || type == 38 || type == PACI || type > 47;
    }

    @Override
    boolean parameterSet(int type, byte[] nal) {
        switch (type) {
            case Nal.H265_VPS -> vps = nal;
            case Nal.H265_SPS -> sps = nal;
            case Nal.H265_PPS -> pps = nal;
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    byte[] buildConfig() throws CodecFormatException {
        return vps == null || sps == null || pps == null ? null : HevcConfig.build(List.of(vps), List.of(sps), List.of(pps));
    }
}
