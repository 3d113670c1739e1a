package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.Box;
import io.cascade.mp4.BoxReader;
import io.cascade.mp4.FieldReader;
import io.cascade.mp4.MediaHeader;
import io.cascade.mp4.Mp4FormatException;
import io.cascade.mp4.SampleEntry;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads fMP4 bytes back into tracks and frames: Cascade's own canonical bytes, and other
 * reasonable fMP4 (any timescale, trex/tfhd defaults), whose times are rescaled to 90 kHz.
 */
public final class CmafReader {

    private CmafReader() {
    }

    /**
     * The H.264/H.265/AAC tracks of an init segment, with their track ids as written; other
     * tracks are left out (their fragments are skipped by {@link #readFragments(byte[], CmafInit)}).
     */
    public static List<Track> readInit(byte[] init) throws Mp4FormatException {
        return parseInit(init).tracks();
    }

    /** The tracks of an init segment plus each track's timescale and trex defaults. */
    public static CmafInit parseInit(byte[] init) throws Mp4FormatException {
        Box moov = null;
        for (Box b : BoxReader.readAll(ByteBuffer.wrap(init), 0, "init segment")) {
            if (b.type().equals("moov")) {
                moov = b;
            }
        }
        if (moov == null) {
            throw new Mp4FormatException("init segment has no 'moov' box");
        }
        Map<Integer, Long> timescales = new HashMap<>();
        List<Track> tracks = new ArrayList<>();
        for (Box trak : moov.children()) {
            if (trak.type().equals("trak")) {
                readTrack(trak, timescales).ifPresent(tracks::add);
            }
        }
        Map<Integer, TrackDefaults> defaults = defaults(moov, timescales);
        return new CmafInit(withFrameRates(tracks, defaults), defaults);
    }

    /** Frames of Cascade's canonical fragments (90 kHz, no trex defaults) for the given tracks. */
    public static List<Frame> readFragments(byte[] bytes, List<Track> tracks) throws Mp4FormatException {
        return readFragments(bytes, CmafInit.canonical(tracks));
    }

    /**
     * Frames of one or more consecutive {@code moof}+{@code mdat} pairs, in decode order across
     * tracks (lower track id first on equal times). {@code styp}, {@code sidx}, {@code prft} and
     * other boxes between them are skipped.
     */
    public static List<Frame> readFragments(byte[] bytes, CmafInit init) throws Mp4FormatException {
        return new FragmentReader(bytes, init).readAll();
    }

    private static Optional<Track> readTrack(Box trak, Map<Integer, Long> timescales) throws Mp4FormatException {
        int id = trackId(trak.requireChild("tkhd"));
        Box mdia = trak.requireChild("mdia");
        MediaHeader mdhd = MediaHeader.read(mdia.requireChild("mdhd"));
        // kept for every track, so fragments of tracks Cascade does not carry can be skipped
        timescales.put(id, mdhd.timescale());
        Optional<SampleEntry> entry = SampleEntry.readFirst(mdia.require("minf/stbl/stsd"));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entry.get().toTrack(id, 0, mdhd.language()));
    }

    private static int trackId(Box tkhd) throws Mp4FormatException {
        FieldReader in = tkhd.fields();
        boolean wide = in.u8() == 1;
        in.skip(3 + (wide ? 16 : 8));
        long id = in.u32();
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw in.error("track id " + id + " is out of range");
        }
        return (int) id;
    }

    private static Map<Integer, TrackDefaults> defaults(Box moov, Map<Integer, Long> timescales)
            throws Mp4FormatException {
        Map<Integer, TrackDefaults> defaults = new HashMap<>();
        timescales.forEach((id, scale) -> defaults.put(id, new TrackDefaults(scale, 0, 0, 0)));
        Optional<Box> mvex = moov.child("mvex");
        if (mvex.isEmpty()) {
            return defaults;
        }
        for (Box trex : mvex.get().children()) {
            if (trex.type().equals("trex")) {
                FieldReader in = trex.fields();
                in.skip(4);
                int id = (int) in.u32();
                in.skip(4);
                Long scale = timescales.get(id);
                if (scale != null) {
                    defaults.put(id, new TrackDefaults(scale, in.u32(), in.u32(), in.s32()));
                }
            }
        }
        return defaults;
    }

    /** Frame rate from the trex default duration, as {@link CmafInitWriter} stores it. */
    private static List<Track> withFrameRates(List<Track> tracks, Map<Integer, TrackDefaults> defaults) {
        List<Track> result = new ArrayList<>();
        for (Track t : tracks) {
            TrackDefaults d = defaults.get(t.id());
            if (!t.isVideo() || d == null || d.sampleDuration() == 0) {
                result.add(t);
                continue;
            }
            double fps = Math.round(d.timescale() * 1000.0 / d.sampleDuration()) / 1000.0;
            result.add(new Track(t.id(), t.codec(), t.config(), t.width(), t.height(), fps,
                    t.sampleRate(), t.channels(), t.language()));
        }
        return result;
    }
}
