package io.cascade.mp4;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Expands an {@code stbl} box into a {@link SampleTable}. Every count is checked against the
 * bytes of the box that declares it, and the sample count against a hard cap, before arrays are
 * allocated; the tables must agree with each other on how many samples there are.
 */
final class SampleTableReader {
    /** Sixty hours of 60 fps video; 24 bytes each in memory. */
    static final int MAX_SAMPLES = 13_000_000;
    static final int MAX_SAMPLE_SIZE = 32 << 20;

    private SampleTableReader() {
    }

    /** @param fileSize bytes in the file, which all samples must fit in */
    static SampleTable read(Box stbl, long fileSize) throws Mp4FormatException {
        int[] sizes = sizes(stbl, fileSize);
        int count = sizes.length;
        long[] times = new long[count];
        long total = decodeTimes(stbl.requireChild("stts"), times);
        int[] cts = new int[count];
        var ctts = stbl.child("ctts");
        if (ctts.isPresent()) {
            ctsOffsets(ctts.get(), cts);
        }
        BitSet sync = new BitSet(count);
        var stss = stbl.child("stss");
        if (stss.isPresent()) {
            syncSamples(stss.get(), sync, count);
        } else {
            sync.set(0, count);
        }
        long[] offsets = offsets(stbl, sizes);
        return new SampleTable(offsets, sizes, times, cts, sync, total);
    }

    private static int[] sizes(Box stbl, long fileSize) throws Mp4FormatException {
        var stsz = stbl.child("stsz");
        if (stsz.isPresent()) {
            return stsz(stsz.get(), fileSize);
        }
        var stz2 = stbl.child("stz2");
        if (stz2.isPresent()) {
            return stz2(stz2.get());
        }
        throw new Mp4FormatException("'stbl' at offset " + stbl.offset() + " has neither 'stsz' nor 'stz2'");
    }

    private static int[] stsz(Box box, long fileSize) throws Mp4FormatException {
        FieldReader in = box.fields();
        in.skip(4);
        long constant = in.u32();
        if (constant == 0) {
            int count = checkCount(in, in.entryCount(4));
            int[] sizes = new int[count];
            for (int i = 0; i < count; i++) {
                sizes[i] = checkSize(in, in.u32());
            }
            return sizes;
        }
        long claimed = in.u32();
        if (claimed * constant > fileSize) {
            throw in.error(claimed + " samples of " + constant + " bytes do not fit in a file of " + fileSize);
        }
        int[] sizes = new int[checkCount(in, claimed)];
        Arrays.fill(sizes, checkSize(in, constant));
        return sizes;
    }

    private static int[] stz2(Box box) throws Mp4FormatException {
        FieldReader in = box.fields();
        in.skip(7);
        int fieldSize = in.u8();
        if (fieldSize != 4 && fieldSize != 8 && fieldSize != 16) {
            throw in.error("field size " + fieldSize + " is not 4, 8 or 16");
        }
        long count = in.u32();
        if ((count * fieldSize + 7) / 8 > in.remaining()) {
            throw in.error(count + " sizes of " + fieldSize + " bits do not fit in " + in.remaining() + " bytes");
        }
        int[] sizes = new int[checkCount(in, count)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = switch (fieldSize) {
                case 4 -> (i % 2 == 0) ? nibbles(in, sizes, i) : sizes[i];
                case 8 -> in.u8();
                default -> in.u16();
            };
        }
        return sizes;
    }

    /** Reads the byte holding samples i and i+1 and fills both. */
    private static int nibbles(FieldReader in, int[] sizes, int i) throws Mp4FormatException {
        int b = in.u8();
        if (i + 1 < sizes.length) {
            sizes[i + 1] = b & 0x0F;
        }
        return b >>> 4;
    }

    private static long decodeTimes(Box stts, long[] times) throws Mp4FormatException {
        FieldReader in = stts.fields();
        in.skip(4);
        int entries = in.entryCount(8);
        int sample = 0;
        long time = 0;
        for (int e = 0; e < entries; e++) {
            long count = in.u32();
            long delta = in.u32();
            if (count > times.length - sample) {
                throw in.error("time-to-sample entries cover more than the " + times.length + " samples");
            }
            for (int k = 0; k < count; k++) {
                times[sample++] = time;
                time += delta;
            }
        }
        if (sample != times.length) {
            throw in.error("time-to-sample entries cover " + sample + " of " + times.length + " samples");
        }
        return time;
    }

    private static void ctsOffsets(Box ctts, int[] cts) throws Mp4FormatException {
        FieldReader in = ctts.fields();
        in.skip(4);
        int entries = in.entryCount(8);
        int sample = 0;
        for (int e = 0; e < entries; e++) {
            long count = in.u32();
            // version 0 is unsigned on paper, yet writers store negative offsets there too
            int offset = in.s32();
            if (count > cts.length - sample) {
                throw in.error("composition offsets cover more than the " + cts.length + " samples");
            }
            for (int k = 0; k < count; k++) {
                cts[sample++] = offset;
            }
        }
    }

    private static void syncSamples(Box stss, BitSet sync, int count) throws Mp4FormatException {
        FieldReader in = stss.fields();
        in.skip(4);
        int entries = in.entryCount(4);
        for (int e = 0; e < entries; e++) {
            long number = in.u32();
            if (number < 1 || number > count) {
                throw in.error("sync sample " + number + " outside 1.." + count);
            }
            sync.set((int) number - 1);
        }
    }

    private static long[] offsets(Box stbl, int[] sizes) throws Mp4FormatException {
        long[] chunks = chunkOffsets(stbl);
        FieldReader in = stbl.requireChild("stsc").fields();
        in.skip(4);
        int entries = in.entryCount(12);
        long[] offsets = new long[sizes.length];
        int sample = 0;
        long first = in.u32();
        for (int e = 0; e < entries; e++) {
            long perChunk = in.u32();
            in.skip(4);
            long next = e + 1 < entries ? in.u32() : chunks.length + 1L;
            if (first < 1 || next <= first || next > chunks.length + 1L) {
                throw in.error("chunk run " + first + ".." + (next - 1) + " is not within 1.." + chunks.length);
            }
            for (long chunk = first; chunk < next; chunk++) {
                sample = placeChunk(in, chunks[(int) chunk - 1], perChunk, sizes, offsets, sample);
            }
            first = next;
        }
        if (sample != sizes.length) {
            throw in.error("chunks hold " + sample + " of " + sizes.length + " samples");
        }
        return offsets;
    }

    private static int placeChunk(FieldReader in, long offset, long perChunk, int[] sizes, long[] offsets,
                                  int sample) throws Mp4FormatException {
        if (perChunk > sizes.length - sample) {
            throw in.error("chunks hold more than the " + sizes.length + " samples");
        }
        long at = offset;
        for (int k = 0; k < perChunk; k++) {
            offsets[sample] = at;
            at += sizes[sample++];
        }
        return sample;
    }

    private static long[] chunkOffsets(Box stbl) throws Mp4FormatException {
        var stco = stbl.child("stco");
        var co64 = stbl.child("co64");
        if (stco.isEmpty() && co64.isEmpty()) {
            throw new Mp4FormatException("'stbl' at offset " + stbl.offset() + " has neither 'stco' nor 'co64'");
        }
        boolean wide = stco.isEmpty();
        FieldReader in = (wide ? co64 : stco).get().fields();
        in.skip(4);
        long[] chunks = new long[in.entryCount(wide ? 8 : 4)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = in.u32or64(wide);
        }
        return chunks;
    }

    private static int checkCount(FieldReader in, long count) throws Mp4FormatException {
        if (count > MAX_SAMPLES) {
            throw in.error("sample count " + count + " exceeds the limit of " + MAX_SAMPLES);
        }
        return (int) count;
    }

    private static int checkSize(FieldReader in, long size) throws Mp4FormatException {
        if (size > MAX_SAMPLE_SIZE) {
            throw in.error("sample size " + size + " exceeds the limit of " + MAX_SAMPLE_SIZE + " bytes");
        }
        return (int) size;
    }
}
