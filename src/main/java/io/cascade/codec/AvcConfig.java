package io.cascade.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An AVCDecoderConfigurationRecord, the body of the MP4 {@code avcC} box (ISO/IEC 14496-15
 * 5.3.3.1). Always written with 4-byte NAL length fields, the form of every {@code Frame}.
 *
 * @param sps             sequence parameter set NAL units (header byte included)
 * @param pps             picture parameter set NAL units
 * @param nalLengthSize   bytes in each NAL length prefix of the samples this record describes
 */
public record AvcConfig(List<byte[]> sps, List<byte[]> pps, int nalLengthSize) {

    public AvcConfig {
        sps = copy(sps);
        pps = copy(pps);
        if (sps.isEmpty() || sps.size() > 31) {
            throw new IllegalArgumentException("avcC needs 1 to 31 SPS, got " + sps.size());
        }
        if (pps.size() > 255) {
            throw new IllegalArgumentException("avcC holds at most 255 PPS, got " + pps.size());
        }
        if (nalLengthSize != 1 && nalLengthSize != 2 && nalLengthSize != 4) {
            throw new IllegalArgumentException("NAL length size must be 1, 2 or 4: " + nalLengthSize);
        }
    }

    /** The record a Track carries; its bytes were checked when the track was made. */
    public static AvcConfig of(io.cascade.media.Track track) {
        try {
            return parse(track.config());
        } catch (CodecFormatException e) {
            throw new IllegalArgumentException("track " + track.id() + " carries no valid avcC", e);
        }
    }

    public AvcConfig(List<byte[]> sps, List<byte[]> pps) {
        this(sps, pps, 4);
    }

    /** The avcC body for these parameter sets. */
    public static byte[] build(List<byte[]> sps, List<byte[]> pps) throws CodecFormatException {
        if (sps.isEmpty() || sps.size() > 31 || pps.size() > 255) {
            throw new CodecFormatException("avcC needs 1 to 31 SPS and at most 255 PPS, got " + sps.size()
                    + " and " + pps.size());
        }
        return new AvcConfig(sps, pps).toBytes();
    }

    /** The first SPS, parsed. */
    public H264Sps firstSps() throws CodecFormatException {
        return H264Sps.parse(sps.getFirst());
    }

    @Override
    public List<byte[]> sps() {
        return copy(sps);
    }

    @Override
    public List<byte[]> pps() {
        return copy(pps);
    }

    public byte[] toBytes() throws CodecFormatException {
        byte[] first = sps.getFirst();
        if (first.length < 4) {
            throw new CodecFormatException("SPS too short for avcC", 0, "at least 4 bytes, got " + first.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // configurationVersion
        out.write(first[1]); // AVCProfileIndication
        out.write(first[2]); // profile_compatibility
        out.write(first[3]); // AVCLevelIndication
        out.write(0xfc | (nalLengthSize - 1));
        out.write(0xe0 | sps.size());
        sps.forEach(nal -> writeNal(out, nal));
        out.write(pps.size());
        pps.forEach(nal -> writeNal(out, nal));
        H264Sps parsed = firstSps();
        if (parsed.hasHighProfileExtension()) {
            out.write(0xfc | parsed.chromaFormatIdc());
            out.write(0xf8 | (parsed.bitDepthLuma() - 8));
            out.write(0xf8 | (parsed.bitDepthChroma() - 8));
            out.write(0); // numOfSequenceParameterSetExt
        }
        return out.toByteArray();
    }

    /** Parses an avcC body; the optional high-profile trailer is not needed and ignored. */
    public static AvcConfig parse(byte[] avcC) throws CodecFormatException {
        BitReader r = new BitReader(avcC).reading("avcC");
        if (avcC.length < 7 || r.readBits(8) != 1) {
            throw new CodecFormatException("not an avcC record", 0, "version 1 and at least 7 bytes");
        }
        r.skipBits(24 + 6);
        int lengthSize = r.readBits(2) + 1;
        r.skipBits(3);
        int spsCount = r.readBits(5);
        if (spsCount == 0) {
            throw r.fail("at least one SPS");
        }
        List<byte[]> sps = readNals(r, spsCount);
        List<byte[]> pps = readNals(r, r.readBits(8));
        if (lengthSize == 3) {
            throw new CodecFormatException("avcC", 4, "lengthSizeMinusOne 0, 1 or 3");
        }
        return new AvcConfig(sps, pps, lengthSize);
    }

    static List<byte[]> readNals(BitReader r, int count) throws CodecFormatException {
        List<byte[]> nals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nals.add(r.readBytes(r.readBits(16)));
        }
        return nals;
    }

    static void writeNal(ByteArrayOutputStream out, byte[] nal) {
        if (nal.length > 0xffff) {
            throw new IllegalArgumentException("parameter set longer than 65535 bytes");
        }
        out.write(nal.length >> 8);
        out.write(nal.length);
        out.writeBytes(nal);
    }

    static List<byte[]> copy(List<byte[]> nals) {
        return nals.stream().map(byte[]::clone).toList();
    }
}
