package io.cascade.dvrhttp;

import io.cascade.codec.CodecString;
import io.cascade.dash.DashStreamInfo;
import io.cascade.dash.DashWindow;
import io.cascade.dash.TrackSpan;
import io.cascade.dvr.Archive;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.dvr.TrackTime;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Archived segments as the playlist and manifest writers take them: closed {@link Segment}s with
 * no bytes (the writers need numbers, times, flags and inits only), flagged where the recording
 * cannot be played straight on, and without segments that overlap the one before (a timeline
 * that went back). So archive playlists come from the same writers as live ones.
 */
final class ArchiveWindow {
    private static final byte[] NO_BYTES = new byte[0];

    private final Archive archive;
    private final List<ArchivedSegment> archived = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    /** Made when a DASH writer first asks: an HLS playlist of a day would pay for 43 200 entries it never reads. */
    private Map<Segment, ArchivedSegment> bySegment;
    private final Map<InitSegment, String> initIds = new IdentityHashMap<>();

    private ArchiveWindow(Archive archive) {
        this.archive = archive;
    }

    /** Blocks on the archive's inits: call off the event loop. */
    static ArchiveWindow of(Archive archive, List<ArchivedSegment> list) {
        ArchiveWindow w = new ArchiveWindow(archive);
        Map<String, InitSegment> inits = new HashMap<>();
        ArchivedSegment previous = null;
        for (ArchivedSegment s : list) {
            if (previous != null && s.startDts() < previous.endDts()) {
                continue;
            }
            InitSegment init = inits.computeIfAbsent(s.initId(), id -> w.named(initOrNull(archive, id), id));
            if (init == null) {
                continue;
            }
            boolean flag = !w.segments.isEmpty() && s.discontinuousAfter(previous);
            Segment stub = Segment.complete(s.number(), s.startDts(), s.duration(), init, flag, NO_BYTES);
            w.segments.add(stub);
            w.archived.add(s);
            previous = s;
        }
        return w;
    }

    private InitSegment named(InitSegment init, String id) {
        if (init != null) {
            initIds.put(init, id);
        }
        return init;
    }

    private static InitSegment initOrNull(Archive archive, String id) {
        try {
            return archive.init(id).join();
        } catch (RuntimeException e) {
            return null;
        }
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    List<Segment> segments() {
        return segments;
    }

    /** The discontinuity sequence of the first segment, whose own flag it counts (as the HLS writer wants). */
    long discontinuitiesBefore() {
        return archive.discontinuitySequence(archived.getFirst());
    }

    String initId(InitSegment init) {
        return initIds.get(init);
    }

    /** A live-style window: its first Period began where the first segment's run did. */
    DashWindow dashLive() {
        return new DashWindow(segments, discontinuitiesBefore(), archive.runStart(archived.getFirst()));
    }

    /** A static window: Periods at every discontinuity, counted from the archive's sequence. */
    DashWindow dashStatic() {
        return new DashWindow(segments, discontinuitiesBefore(), segments.getFirst().startDts());
    }

    /**
     * Each track's span as recorded; the bandwidth of a track is that of the whole segment, an
     * upper bound read from the index without touching the files.
     */
    DashStreamInfo dashInfo() {
        Map<Segment, ArchivedSegment> archivedOf = bySegment();
        return new DashStreamInfo(CodecString::of, (s, t) -> archivedOf.get(s).size(), (s, t) -> span(archivedOf.get(s), t.id()));
    }

    private Map<Segment, ArchivedSegment> bySegment() {
        if (bySegment == null) {
            Map<Segment, ArchivedSegment> map = new IdentityHashMap<>(segments.size() * 2);
            for (int i = 0; i < segments.size(); i++) {
                map.put(segments.get(i), archived.get(i));
            }
            bySegment = map;
        }
        return bySegment;
    }

    private static Optional<TrackSpan> span(ArchivedSegment s, int trackId) {
        for (TrackTime t : s.tracks()) {
            if (t.trackId() == trackId) {
                return Optional.of(new TrackSpan(t.start(), t.duration()));
            }
        }
        return Optional.empty();
    }
}
