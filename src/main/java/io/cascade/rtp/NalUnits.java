package io.cascade.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The NAL units of a frame's 4-byte length-prefixed payload, as offsets into it: packetizing
 * slices the frame's array instead of copying each unit out.
 */
final class NalUnits {
    private NalUnits() {
    }

    /** One unit: {@code length} bytes at {@code offset} of the frame's array. */
    record Unit(int offset, int length) {
    }

    static List<Unit> of(byte[] data) throws RtpFormatException {
        List<Unit> units = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            if (data.length - pos < 4) {
                throw new RtpFormatException("truncated NAL length prefix at byte " + pos);
            }
            long size = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
                    | (data[pos + 3] & 0xff);
            pos += 4;
            if (size > data.length - pos) {
                throw new RtpFormatException("NAL length " + size + " exceeds the " + (data.length - pos) + " bytes left");
            }
            if (size > 0) {
                units.add(new Unit(pos, (int) size));
            }
            pos += (int) size;
        }
        return units;
    }

    /**
     * A NAL unit too large for one packet as fragmentation units: each a {@code header} of
     * {@code headerBytes} for which {@code startEnd} fills the S and E bits, then a piece of the
     * unit's bytes after its own NAL header of {@code nalHeaderBytes}.
     */
    static void fragment(byte[] data, Unit unit, int nalHeaderBytes, int maxPayload, FragmentHeader header,
                         List<RtpChunk> out) {
        int room = maxPayload - header.size();
        int at = unit.offset() + nalHeaderBytes;
        int end = unit.offset() + unit.length();
        boolean first = true;
        while (at < end) {
            int n = Math.min(room, end - at);
            boolean last = at + n == end;
            out.add(new RtpChunk(header.bytes(first, last), data, at, n, false));
            at += n;
            first = false;
        }
    }

    /** Makes the payload header of one fragmentation unit. */
    interface FragmentHeader {
        int size();

        byte[] bytes(boolean start, boolean end);
    }

    /** Marks the last chunk of a frame with the marker bit. */
    static List<RtpChunk> markLast(List<RtpChunk> chunks) {
        if (!chunks.isEmpty()) {
            RtpChunk last = chunks.getLast();
            chunks.set(chunks.size() - 1, new RtpChunk(last.prefix(), last.data(), last.offset(), last.length(), true));
        }
        return chunks;
    }

    /** Aggregation-packet body: each unit as a 16-bit size and its bytes, after {@code header}. */
    static byte[] aggregate(byte[] header, List<byte[]> nals) {
        int size = header.length;
        for (byte[] nal : nals) {
            size += 2 + nal.length;
        }
        byte[] out = new byte[size];
        System.arraycopy(header, 0, out, 0, header.length);
        int at = header.length;
        for (byte[] nal : nals) {
            out[at] = (byte) (nal.length >> 8);
            out[at + 1] = (byte) nal.length;
            System.arraycopy(nal, 0, out, at + 2, nal.length);
            at += 2 + nal.length;
        }
        return out;
    }

    static int aggregateSize(int headerBytes, List<byte[]> nals) {
        int size = headerBytes;
        for (byte[] nal : nals) {
            size += 2 + nal.length;
        }
        return size;
    }
}
