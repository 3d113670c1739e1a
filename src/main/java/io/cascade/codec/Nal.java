package io.cascade.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** NAL unit framing: Annex B byte streams, 4-byte length prefixes, emulation prevention. */
public final class Nal {
    /** H.264 nal_unit_type values this project acts on (Table 7-1). */
    public static final int H264_IDR = 5;
    public static final int H264_SEI = 6;
    public static final int H264_SPS = 7;
    public static final int H264_PPS = 8;
    public static final int H264_AUD = 9;
    public static final int H264_FILLER = 12;

    /** H.265 nal_unit_type values (Table 7-1); IRAP pictures are 16 to 23. */
    public static final int H265_IRAP_FIRST = 16;
    public static final int H265_IRAP_LAST = 23;
    public static final int H265_VPS = 32;
    public static final int H265_SPS = 33;
    public static final int H265_PPS = 34;
    public static final int H265_AUD = 35;
    public static final int H265_FILLER = 38;

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private Nal() {
    }

    public static int h264Type(byte[] nal) throws CodecFormatException {
        requireHeader(nal, 1);
        return nal[0] & 0x1f;
    }

    public static int h265Type(byte[] nal) throws CodecFormatException {
        requireHeader(nal, 2);
        return (nal[0] >> 1) & 0x3f;
    }

    /** True when {@code nal} is an H.264 NAL unit of {@code type}; false for one too short to have a type. */
    public static boolean isH264(byte[] nal, int type) {
        return nal.length >= 1 && (nal[0] & 0x1f) == type;
    }

    /** True when {@code nal} is an H.265 NAL unit of {@code type}; false for one too short to have a type. */
    public static boolean isH265(byte[] nal, int type) {
        return nal.length >= 2 && ((nal[0] >> 1) & 0x3f) == type;
    }

    public static boolean isH265Irap(int type) {
        return type >= H265_IRAP_FIRST && type <= H265_IRAP_LAST;
    }

    /** Splits an Annex B byte stream at 3- and 4-byte start codes; bytes before the first start code are ignored. */
    public static List<byte[]> splitAnnexB(byte[] data) {
        return splitAnnexB(data, 0, data.length);
    }

    public static List<byte[]> splitAnnexB(byte[] data, int off, int len) {
        List<byte[]> nals = new ArrayList<>();
        int end = off + len;
        int start = nextStartCode(data, off, end);
        while (start >= 0) {
            int payload = start + 3;
            int next = nextStartCode(data, payload, end);
            int nalEnd = next < 0 ? end : next;
            // trailing_zero_8bits and the leading zero of a 4-byte start code belong to no NAL unit
            while (nalEnd > payload && data[nalEnd - 1] == 0) {
                nalEnd--;
            }
            if (nalEnd > payload) {
                nals.add(java.util.Arrays.copyOfRange(data, payload, nalEnd));
            }
            start = next;
        }
        return nals;
    }

    /** Index of the next {@code 00 00 01} at or after {@code from}, or -1. */
    private static int nextStartCode(byte[] data, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if ((data[i + 2] & 0xff) > 1) {
                i += 2; // no start code can end at i+2, skip ahead
            } else if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    /** Joins NAL units, each preceded by a 4-byte start code. */
    public static byte[] toAnnexB(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nals) {
            out.writeBytes(START_CODE);
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    /** Joins NAL units, each preceded by its length as a 4-byte big-endian number (the MP4 form). */
    public static byte[] toLengthPrefixed(List<byte[]> nals) {
        int total = 0;
        for (byte[] nal : nals) {
            total = Math.addExact(total, 4 + nal.length);
        }
        byte[] out = new byte[total];
        int pos = 0;
        for (byte[] nal : nals) {
            writeInt(out, pos, nal.length);
            System.arraycopy(nal, 0, out, pos + 4, nal.length);
            pos += 4 + nal.length;
        }
        return out;
    }

    /** Splits a 4-byte length-prefixed payload into its NAL units. */
    public static List<byte[]> splitLengthPrefixed(byte[] data) throws CodecFormatException {
        List<byte[]> nals = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            if (data.length - pos < 4) {
                throw new CodecFormatException("truncated NAL length prefix", pos, "4 bytes");
            }
            long size = readInt(data, pos) & 0xffffffffL;
            pos += 4;
            if (size > data.length - pos) {
                throw new CodecFormatException("NAL length " + size + " exceeds the " + (data.length - pos)
                        + " bytes left", pos - 4, "a NAL unit inside the sample");
            }
            nals.add(java.util.Arrays.copyOfRange(data, pos, pos + (int) size));
            pos += (int) size;
        }
        return nals;
    }

    /** Removes emulation prevention bytes ({@code 00 00 03} → {@code 00 00}), giving the RBSP. */
    public static byte[] unescape(byte[] nal) {
        return unescape(nal, 0, nal.length);
    }

    public static byte[] unescape(byte[] nal, int off, int len) {
        byte[] out = new byte[len];
        int n = 0;
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            byte b = nal[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = b;
        }
        return n == len ? out : java.util.Arrays.copyOf(out, n);
    }

    static int readInt(byte[] b, int pos) {
        return ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
    }

    static void writeInt(byte[] b, int pos, int value) {
        b[pos] = (byte) (value >>> 24);
        b[pos + 1] = (byte) (value >>> 16);
        b[pos + 2] = (byte) (value >>> 8);
        b[pos + 3] = (byte) value;
    }

    private static void requireHeader(byte[] nal, int size) throws CodecFormatException {
        if (nal.length < size) {
            throw new CodecFormatException("NAL unit", 0, "a " + size + "-byte header, got " + nal.length + " bytes");
        }
    }
}
