package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.mp4.Box;
import io.cascade.mp4.BoxReader;
import io.cascade.mp4.FieldReader;
import io.cascade.mp4.Mp4FormatException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns consecutive movie fragments into frames, following ISO/IEC 14496-12 §8.8 for data
 * offsets and the tfhd → trex default chain. Sample data is located through offsets, so it may
 * sit anywhere in the given bytes, but never outside them.
 */
final class FragmentReader {
    static final int MAX_SAMPLE_SIZE = 32 << 20;
    private static final int BASE_DATA_OFFSET = 0x1;
    private static final int SAMPLE_DESCRIPTION_INDEX = 0x2;
    private static final int DEFAULT_DURATION = 0x8;
    private static final int DEFAULT_SIZE = 0x10;
    private static final int DEFAULT_FLAGS = 0x20;
    private static final int DURATION_IS_EMPTY = 0x10000;
    private static final int DEFAULT_BASE_IS_MOOF = 0x20000;
    private static final int DATA_OFFSET = 0x1;
    private static final int FIRST_SAMPLE_FLAGS = 0x4;
    private static final int SAMPLE_DURATION = 0x100;
    private static final int SAMPLE_SIZE = 0x200;
    private static final int SAMPLE_FLAGS = 0x400;
    private static final int SAMPLE_CTS = 0x800;
    private static final int NON_SYNC = 0x10000;

    private final byte[] bytes;
    private final CmafInit init;
    private final Map<Integer, Track> tracks;
    /** Where each track's decode time continues when a fragment has no tfdt. */
    private final Map<Integer, Long> nextDecodeTime = new HashMap<>();
    private final List<Frame> frames = new ArrayList<>();
    /** Samples seen so far, kept or skipped; each needs at least one input byte, which bounds the work. */
    private long samplesSeen;

    FragmentReader(byte[] bytes, CmafInit init) {
        this.bytes = bytes;
        this.init = init;
        this.tracks = init.tracksById();
    }

    List<Frame> readAll() throws Mp4FormatException {
        boolean sawMoof = false;
        BoxReader reader = new BoxReader(ByteBuffer.wrap(bytes), 0, "fragments");
        while (reader.hasNext()) {
            Box box = reader.next();
            if (box.type().equals("moof")) {
                readMoof(box);
                sawMoof = true;
            }
        }
        if (!sawMoof && bytes.length > 0) {
            throw new Mp4FormatException("no 'moof' box in " + bytes.length + " bytes");
        }
        frames.sort(Comparator.comparingLong(Frame::dts).thenComparingInt(Frame::trackId));
        return frames;
    }

    private void readMoof(Box moof) throws Mp4FormatException {
        long moofStart = moof.offset();
        long previousEnd = moofStart;
        for (Box traf : moof.children()) {
            if (traf.type().equals("traf")) {
                previousEnd = readTraf(traf, moofStart, previousEnd);
            }
        }
    }

    /** Reads one traf; returns where its data ends, the implicit base of the next traf. */
    private long readTraf(Box traf, long moofStart, long implicitBase) throws Mp4FormatException {
        FieldReader in = traf.requireChild("tfhd").fields();
        in.skip(1);
        int flags = in.u24();
        int id = (int) in.u32();
        TrackDefaults d = init.defaults(id).orElseThrow(
                () -> in.error("fragment of track " + id + ", which the init segment does not describe"));
        // a track the init describes with a codec Cascade does not carry: walk it, keep nothing
        boolean keep = tracks.containsKey(id);
        long base = (flags & BASE_DATA_OFFSET) != 0 ? in.u64()
                : (flags & DEFAULT_BASE_IS_MOOF) != 0 ? moofStart : implicitBase;
        if ((flags & SAMPLE_DESCRIPTION_INDEX) != 0) {
            in.skip(4);
        }
        TrackDefaults own = new TrackDefaults(d.timescale(),
                (flags & DEFAULT_DURATION) != 0 ? in.u32() : d.sampleDuration(),
                (flags & DEFAULT_SIZE) != 0 ? in.u32() : d.sampleSize(),
                (flags & DEFAULT_FLAGS) != 0 ? in.s32() : d.sampleFlags());
        if ((flags & DURATION_IS_EMPTY) != 0) {
            return base;
        }
        long time = baseDecodeTime(traf).orElse(nextDecodeTime.getOrDefault(id, 0L));
        long[] cursor = {time, base};
        for (Box trun : traf.children()) {
            if (trun.type().equals("trun")) {
                readTrun(trun, keep ? id : 0, own, base, cursor);
            }
        }
        nextDecodeTime.put(id, cursor[0]);
        return cursor[1];
    }

    private static Optional<Long> baseDecodeTime(Box traf) throws Mp4FormatException {
        Optional<Box> tfdt = traf.child("tfdt");
        if (tfdt.isEmpty()) {
            return Optional.empty();
        }
        FieldReader in = tfdt.get().fields();
        boolean wide = in.u8() == 1;
        in.skip(3);
        return Optional.of(in.u32or64(wide));
    }

    /**
     * @param trackId the track the samples belong to, 0 to check and skip them
     * @param cursor  decode time and data position, advanced past this run's samples
     */
    private void readTrun(Box trun, int trackId, TrackDefaults d, long base, long[] cursor)
            throws Mp4FormatException {
        FieldReader in = trun.fields();
        in.skip(1);
        int flags = in.u24();
        long count = in.u32();
        if ((flags & DATA_OFFSET) != 0) {
            cursor[1] = base + in.s32();
        }
        Integer firstFlags = (flags & FIRST_SAMPLE_FLAGS) != 0 ? in.s32() : null;
        int perSample = 4 * Integer.bitCount(flags & (SAMPLE_DURATION | SAMPLE_SIZE | SAMPLE_FLAGS | SAMPLE_CTS));
        if (count * perSample > in.remaining()) {
            throw in.error(count + " samples do not fit in the " + in.remaining() + " bytes left");
        }
        if (samplesSeen + count > bytes.length) {
            throw in.error(count + " samples are more than " + bytes.length + " bytes of fragments can hold");
        }
        samplesSeen += count;
        for (int i = 0; i < count; i++) {
            long duration = (flags & SAMPLE_DURATION) != 0 ? in.u32() : d.sampleDuration();
            long size = (flags & SAMPLE_SIZE) != 0 ? in.u32() : d.sampleSize();
            int sampleFlags = (flags & SAMPLE_FLAGS) != 0 ? in.s32() : d.sampleFlags();
            if (i == 0 && firstFlags != null) {
                sampleFlags = firstFlags;
            }
            long cto = (flags & SAMPLE_CTS) != 0 ? in.s32() : 0;
            byte[] data = sampleData(in, cursor[1], size, trackId != 0);
            if (trackId != 0) {
                frames.add(frame(trackId, d.timescale(), cursor[0], duration, cto, sampleFlags, data));
            }
            cursor[0] += duration;
            cursor[1] += size;
        }
    }

    private byte[] sampleData(FieldReader in, long offset, long size, boolean copy) throws Mp4FormatException {
        if (size > MAX_SAMPLE_SIZE) {
            throw in.error("sample size " + size + " exceeds the limit of " + MAX_SAMPLE_SIZE);
        }
        if (offset < 0 || offset + size > bytes.length) {
            throw in.error("sample data at " + offset + " (" + size + " bytes) lies outside the "
                    + bytes.length + " bytes given");
        }
        return copy ? Arrays.copyOfRange(bytes, (int) offset, (int) (offset + size)) : null;
    }

    private static Frame frame(int trackId, long timescale, long time, long duration, long cto, int flags,
                               byte[] data) {
        long dts = Timebase.rescale(time, timescale, Timebase.HZ);
        long pts = Timebase.rescale(time + cto, timescale, Timebase.HZ);
        long end = Timebase.rescale(time + duration, timescale, Timebase.HZ);
        return new Frame(trackId, dts, pts, end - dts, (flags & NON_SYNC) == 0, data);
    }
}
