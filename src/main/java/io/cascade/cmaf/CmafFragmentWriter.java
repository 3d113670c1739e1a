package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.mp4.BoxWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one CMAF chunk: a {@code moof} with a {@code traf} per track that has frames (in track
 * id order), then an {@code mdat} holding their payloads in the same order. Decode times travel
 * as 64-bit {@code tfdt} values on the 90 kHz UTC clock; every sample carries its own duration,
 * size, flags and composition offset, so nothing depends on defaults in the init segment.
 */
public final class CmafFragmentWriter {
    static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    static final int TRUN_FLAGS = 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800;
    static final int SYNC_SAMPLE_FLAGS = 0x02000000;
    static final int NON_SYNC_SAMPLE_FLAGS = 0x01010000;
    private static final long VIDEO_FALLBACK_DURATION = 3600;
    private static final int AAC_FRAME_SAMPLES = 1024;

    private CmafFragmentWriter() {
    }

    /**
     * @param sequenceNumber the mfhd sequence number, 0..2^32-1
     * @param tracks         the tracks of the init segment the frames belong to
     * @param frames         in decode order per track, any mix of tracks; dts must not be negative
     */
    public static byte[] write(long sequenceNumber, List<Track> tracks, List<Frame> frames) {
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sequence number " + sequenceNumber + " does not fit 32 bits");
        }
        List<TrackRun> runs = runs(tracks, frames);
        BoxWriter out = new BoxWriter();
        out.start("moof");
        out.startFull("mfhd", 0, 0).u32(sequenceNumber).end();
        int[] dataOffsetFields = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            dataOffsetFields[i] = traf(out, runs.get(i));
        }
        out.end();
        out.start("mdat");
        for (int i = 0; i < runs.size(); i++) {
            out.patchU32(dataOffsetFields[i], out.position()); // the moof starts at 0
            for (Frame f : runs.get(i).frames()) {
                out.bytes(f.data());
            }
        }
        out.end();
        return out.toByteArray();
    }

    /** The frames of one track with the duration each sample will carry. */
    private record TrackRun(Track track, List<Frame> frames, long[] durations) {
    }

    private static List<TrackRun> runs(List<Track> tracks, List<Frame> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write");
        }
        Map<Integer, Track> byId = new TreeMap<>();
        tracks.forEach(t -> byId.put(t.id(), t));
        Map<Integer, List<Frame>> grouped = new TreeMap<>();
        for (Frame f : frames) {
            if (!byId.containsKey(f.trackId())) {
                throw new IllegalArgumentException("frame of unknown track " + f.trackId());
            }
            grouped.computeIfAbsent(f.trackId(), id -> new ArrayList<>()).add(f);
        }
        List<TrackRun> runs = new ArrayList<>();
        grouped.forEach((id, list) -> runs.add(new TrackRun(byId.get(id), list, durations(byId.get(id), list))));
        return runs;
    }

    private static long[] durations(Track track, List<Frame> frames) {
        long[] d = new long[frames.size()];
        for (int i = 0; i < d.length; i++) {
            Frame f = frames.get(i);
            if (f.dts() < 0 || (i > 0 && f.dts() < frames.get(i - 1).dts())) {
                throw new IllegalArgumentException("track " + track.id() + ": dts " + f.dts()
                        + " is negative or goes backwards");
            }
            d[i] = duration(track, frames, i);
        }
        return d;
    }

    private static long duration(Track track, List<Frame> frames, int i) {
        if (frames.get(i).duration() > 0) {
            return frames.get(i).duration();
        }
        if (i + 1 < frames.size()) {
            return frames.get(i + 1).dts() - frames.get(i).dts();
        }
        if (i > 0) {
            return frames.get(i).dts() - frames.get(i - 1).dts();
        }
        if (track.isVideo()) {
            return VIDEO_FALLBACK_DURATION;
        }
        int rate = track.sampleRate() > 0 ? track.sampleRate() : 48000;
        return AAC_FRAME_SAMPLES * Timebase.HZ / rate;
    }

    /** Writes a traf and returns where its trun data offset must be patched. */
    private static int traf(BoxWriter out, TrackRun run) {
        List<Frame> frames = run.frames();
        out.start("traf");
        out.startFull("tfhd", 0, DEFAULT_BASE_IS_MOOF).u32(run.track().id()).end();
        out.startFull("tfdt", 1, 0).u64(frames.get(0).dts()).end();
        out.startFull("trun", 1, TRUN_FLAGS).u32(frames.size());
        int dataOffsetField = out.position();
        out.s32(0);
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            out.u32(checkU32(run.durations()[i], "duration")).u32(f.size());
            out.u32(f.keyframe() ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
            out.s32(compositionOffset(f));
        }
        out.end().end();
        return dataOffsetField;
    }

    private static int compositionOffset(Frame f) {
        long offset = f.pts() - f.dts();
        if (offset < Integer.MIN_VALUE || offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pts - dts of " + offset + " does not fit 32 bits");
        }
        return (int) offset;
    }

    private static long checkU32(long v, String what) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " " + v + " does not fit 32 bits");
        }
        return v;
    }
}
