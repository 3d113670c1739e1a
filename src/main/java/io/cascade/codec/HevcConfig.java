package io.cascade.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An HEVCDecoderConfigurationRecord, the body of the MP4 {@code hvcC} box (ISO/IEC 14496-15
 * 8.3.3.1). Built with 4-byte NAL length fields and complete parameter set arrays, as the
 * {@code hvc1} sample entry requires.
 *
 * @param vps             video parameter set NAL units (2-byte header included)
 * @param sps             sequence parameter set NAL units
 * @param pps             picture parameter set NAL units
 * @param nalLengthSize   bytes in each NAL length prefix of the samples
 */
public record HevcConfig(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps, int nalLengthSize) {

    public HevcConfig {
        vps = AvcConfig.copy(vps);
        sps = AvcConfig.copy(sps);
        pps = AvcConfig.copy(pps);
        if (sps.isEmpty()) {
            throw new IllegalArgumentException("hvcC needs at least one SPS");
        }
        if (nalLengthSize != 1 && nalLengthSize != 2 && nalLengthSize != 4) {
            throw new IllegalArgumentException("NAL length size must be 1, 2 or 4: " + nalLengthSize);
        }
    }

    /** The record a Track carries; its bytes were checked when the track was made. */
    public static HevcConfig of(io.cascade.media.Track track) {
        try {
            return parse(track.config());
        } catch (CodecFormatException e) {
            throw new IllegalArgumentException("track " + track.id() + " carries no valid hvcC", e);
        }
    }

    public HevcConfig(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        this(vps, sps, pps, 4);
    }

    public static byte[] build(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) throws CodecFormatException {
        if (sps.isEmpty()) {
            throw new CodecFormatException("hvcC needs at least one SPS");
        }
        return new HevcConfig(vps, sps, pps).toBytes();
    }

    public H265Sps firstSps() throws CodecFormatException {
        return H265Sps.parse(sps.getFirst());
    }

    @Override
    public List<byte[]> vps() {
        return AvcConfig.copy(vps);
    }

    @Override
    public List<byte[]> sps() {
        return AvcConfig.copy(sps);
    }

    @Override
    public List<byte[]> pps() {
        return AvcConfig.copy(pps);
    }

    public byte[] toBytes() throws CodecFormatException {
        H265Sps parsed = firstSps();
        HevcProfileTierLevel ptl = parsed.profileTierLevel();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // configurationVersion
        out.write((ptl.profileSpace() << 6) | (ptl.tier() << 5) | ptl.profileIdc());
        writeBigEndian(out, ptl.compatibilityFlags() & 0xffffffffL, 4);
        writeBigEndian(out, ptl.constraintFlags(), 6);
        out.write(ptl.levelIdc());
        writeBigEndian(out, 0xf000, 2); // min_spatial_segmentation_idc unknown: 0
        out.write(0xfc); // parallelismType unknown: 0
        out.write(0xfc | parsed.chromaFormatIdc());
        out.write(0xf8 | (parsed.bitDepthLuma() - 8));
        out.write(0xf8 | (parsed.bitDepthChroma() - 8));
        writeBigEndian(out, 0, 2); // avgFrameRate unspecified
        out.write((parsed.maxSubLayers() << 3) | ((parsed.temporalIdNesting() ? 1 : 0) << 2) | (nalLengthSize - 1));
        out.write(3);
        writeArray(out, Nal.H265_VPS, vps);
        writeArray(out, Nal.H265_SPS, sps);
        writeArray(out, Nal.H265_PPS, pps);
        return out.toByteArray();
    }

    /** Parses an hvcC body, keeping the VPS, SPS and PPS arrays and ignoring others (e.g. SEI). */
    public static HevcConfig parse(byte[] hvcC) throws CodecFormatException {
        BitReader r = new BitReader(hvcC).reading("hvcC");
        if (hvcC.length < 23 || r.readBits(8) != 1) {
            throw new CodecFormatException("not an hvcC record", 0, "version 1 and at least 23 bytes");
        }
        r.skipBits(20 * 8 + 6);
        int lengthSize = r.readBits(2) + 1;
        int arrays = r.readBits(8);
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            r.skipBits(2);
            int type = r.readBits(6);
            List<byte[]> nals = AvcConfig.readNals(r, r.readBits(16));
            switch (type) {
                case Nal.H265_VPS -> vps.addAll(nals);
                case Nal.H265_SPS -> sps.addAll(nals);
                case Nal.H265_PPS -> pps.addAll(nals);
                default -> { }
            }
        }
        if (lengthSize == 3) {
            throw new CodecFormatException("hvcC", 21, "lengthSizeMinusOne 0, 1 or 3");
        }
        if (sps.isEmpty()) {
            throw new CodecFormatException("hvcC", r.byteOffset(), "at least one SPS");
        }
        return new HevcConfig(vps, sps, pps, lengthSize);
    }

    private static void writeArray(ByteArrayOutputStream out, int type, List<byte[]> nals) {
        out.write(0x80 | type); // array_completeness = 1: hvc1 keeps parameter sets out of band
        writeBigEndian(out, nals.size(), 2);
        nals.forEach(nal -> AvcConfig.writeNal(out, nal));
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}
