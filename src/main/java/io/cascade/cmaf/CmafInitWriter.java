package io.cascade.cmaf;

import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.mp4.BoxWriter;
import io.cascade.mp4.PackedLanguage;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the CMAF header ({@code ftyp}+{@code moov}) for a set of tracks. Times and durations
 * are zero so the bytes depend on nothing but the tracks.
 */
public final class CmafInitWriter {
    static final String[] BRANDS = {"iso6", "cmfc", "mp41"};
    private static final int TRACK_ENABLED_IN_MOVIE_IN_PREVIEW = 0x7;
    private static final int[] UNITY_MATRIX = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};

    private CmafInitWriter() {
    }

    public static byte[] write(List<Track> tracks) {
        return write(tracks, -1);
    }

    /**
     * The init of a whole fragmented file of {@code fragmentDurationTicks} (90 kHz): its
     * {@code mvex} carries that in an {@code mehd}, from which readers such as ffprobe take the
     * file's duration. A negative duration writes no {@code mehd} (the live init).
     */
    public static byte[] write(List<Track> tracks, long fragmentDurationTicks) {
        checkIds(tracks);
        BoxWriter out = new BoxWriter();
        ftyp(out);
        out.start("moov");
        mvhd(out, tracks.stream().mapToInt(Track::id).max().orElse(0) + 1);
        for (Track t : tracks) {
            trak(out, t);
        }
        mvex(out, tracks, fragmentDurationTicks);
        out.end();
        return out.toByteArray();
    }

    private static void checkIds(List<Track> tracks) {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("no tracks");
        }
        Set<Integer> seen = new HashSet<>();
        for (Track t : tracks) {
            if (!seen.add(t.id())) {
                throw new IllegalArgumentException("duplicate track id " + t.id());
            }
        }
    }

    private static void ftyp(BoxWriter out) {
        out.start("ftyp").fourcc(BRANDS[0]).u32(0);
        for (String brand : BRANDS) {
            out.fourcc(brand);
        }
        out.end();
    }

    private static void mvhd(BoxWriter out, int nextTrackId) {
        out.startFull("mvhd", 0, 0).u32(0).u32(0).u32(Timebase.HZ).u32(0);
        out.u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0
        matrix(out);
        out.zeros(24).u32(nextTrackId).end();
    }

    private static void trak(BoxWriter out, Track t) {
        out.start("trak");
        tkhd(out, t);
        out.start("mdia");
        out.startFull("mdhd", 0, 0).u32(0).u32(0).u32(Timebase.HZ).u32(0)
                .u16(PackedLanguage.encode(t.language())).u16(0).end();
        hdlr(out, t.isVideo());
        minf(out, t);
        out.end().end();
    }

    private static void tkhd(BoxWriter out, Track t) {
        out.startFull("tkhd", 0, TRACK_ENABLED_IN_MOVIE_IN_PREVIEW).u32(0).u32(0).u32(t.id()).u32(0).u32(0);
        out.zeros(8).u16(0).u16(0).u16(t.isVideo() ? 0 : 0x0100).u16(0);
        matrix(out);
        out.u32((long) t.width() << 16).u32((long) t.height() << 16).end();
    }

    private static void hdlr(BoxWriter out, boolean video) {
        out.startFull("hdlr", 0, 0).u32(0).fourcc(video ? "vide" : "soun").zeros(12);
        out.bytes((video ? "VideoHandler\0" : "SoundHandler\0").getBytes(StandardCharsets.US_ASCII));
        out.end();
    }

    private static void minf(BoxWriter out, Track t) {
        out.start("minf");
        if (t.isVideo()) {
            out.startFull("vmhd", 0, 1).u16(0).zeros(6).end();
        } else {
            out.startFull("smhd", 0, 0).u16(0).u16(0).end();
        }
        out.start("dinf").startFull("dref", 0, 0).u32(1).startFull("url ", 0, 1).end().end().end();
        out.start("stbl");
        out.startFull("stsd", 0, 0).u32(1);
        SampleEntryWriter.write(out, t);
        out.end();
        out.startFull("stts", 0, 0).u32(0).end();
        out.startFull("stsc", 0, 0).u32(0).end();
        out.startFull("stsz", 0, 0).u32(0).u32(0).end();
        out.startFull("stco", 0, 0).u32(0).end();
        out.end().end();
    }

    /**
     * One trex per track. For video the default sample duration carries the nominal frame
     * duration, which is how a reader of this init learns the frame rate.
     */
    private static void mvex(BoxWriter out, List<Track> tracks, long fragmentDurationTicks) {
        out.start("mvex");
        if (fragmentDurationTicks >= 0) {
            out.startFull("mehd", 1, 0).u64(fragmentDurationTicks).end();
        }
        for (Track t : tracks) {
            out.startFull("trex", 0, 0).u32(t.id()).u32(1).u32(nominalFrameDuration(t)).u32(0).u32(0).end();
        }
        out.end();
    }

    static long nominalFrameDuration(Track t) {
        return t.isVideo() && t.frameRate() > 0 ? Math.round(Timebase.HZ / t.frameRate()) : 0;
    }

    private static void matrix(BoxWriter out) {
        for (int v : UNITY_MATRIX) {
            out.u32(v & 0xFFFFFFFFL);
        }
    }
}
