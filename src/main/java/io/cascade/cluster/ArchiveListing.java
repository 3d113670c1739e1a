package io.cascade.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload of an {@code X} message: a source's recorded ranges of a stream and the metadata of
 * its archived segments in the window asked for. Bounded both ways: at most {@link #MAX_RANGES}
 * ranges (the newest) and {@link #MAX_SEGMENTS} segments; {@code more} says the window held more
 * segments than were listed, so the reader asks again from after the last one.
 *
 * <p>Layout: flags (u8, bit 0 = more), range count (varint), each range from and to (u64, 90 kHz
 * UTC); segment count (varint), each number, start (u64), duration (u64), init version (u32),
 * flags (u8, bit 0 = discontinuity), size, discontinuity sequence, run start (u64 each), track
 * count (varint, at most {@link ArchivedSegment#MAX_TRACKS}) and each track's id (u32), start and
 * duration (u64).
 */
public record ArchiveListing(List<ArchiveRange> ranges, List<ArchivedSegment> segments, boolean more) {
    static final int MAX_RANGES = 4096;
    static final int MAX_SEGMENTS = 10_000;
    private static final int RANGE_BYTES = 16;
    private static final int SEGMENT_BYTES = 54;
    private static final int TRACK_BYTES = 20;

    public ArchiveListing {
        ranges = List.copyOf(ranges.size() > MAX_RANGES ? ranges.subList(ranges.size() - MAX_RANGES, ranges.size()) : ranges);
        if (segments.size() > MAX_SEGMENTS) {
            segments = segments.subList(0, MAX_SEGMENTS);
            more = true;
        }
        segments = List.copyOf(segments);
    }

    public M4fMessage toMessage() {
        PayloadWriter w = new PayloadWriter().u8(more ? 1 : 0).varint(ranges.size());
        for (ArchiveRange r : ranges) {
            w.u64(r.fromTicks()).u64(r.toTicks());
        }
        w.varint(segments.size());
        for (ArchivedSegment s : segments) {
            w.u64(s.number()).u64(s.startDts()).u64(s.duration()).u32(s.initVersion()).u8(s.discontinuity() ? 1 : 0)
                    .u64(s.size()).u64(s.discontinuities()).u64(s.runStart()).varint(s.tracks().size());
            for (ArchivedTrack t : s.tracks()) {
                w.u32(t.trackId()).u64(t.start()).u64(t.duration());
            }
        }
        return new M4fMessage('X', w.bytes());
    }

    public static ArchiveListing of(M4fMessage m) throws M4fProtocolException {
        if (m.type() != 'X') {
            throw new M4fProtocolException("message '" + m.type() + "' where an archive listing was expected");
        }
        PayloadReader r = new PayloadReader('X', m.payload());
        boolean more = (r.u8() & 1) != 0;
        int nr = r.count(MAX_RANGES, RANGE_BYTES, "ranges");
        List<ArchiveRange> ranges = new ArrayList<>(nr);
        for (int i = 0; i < nr; i++) {
            ranges.add(checked(() -> new ArchiveRange(r.u64(), r.u64())));
        }
        int ns = r.count(MAX_SEGMENTS, SEGMENT_BYTES, "segments");
        List<ArchivedSegment> segments = new ArrayList<>(ns);
        for (int i = 0; i < ns; i++) {
            segments.add(segment(r));
        }
        return new ArchiveListing(ranges, segments, more);
    }

    private static ArchivedSegment segment(PayloadReader r) throws M4fProtocolException {
        long number = r.u64();
        long start = r.u64();
        long duration = r.u64();
        int init = r.u32();
        boolean discontinuity = (r.u8() & 1) != 0;
        long size = r.u64();
        long discontinuities = r.u64();
        long runStart = r.u64();
        int nt = r.count(ArchivedSegment.MAX_TRACKS, TRACK_BYTES, "tracks");
        List<ArchivedTrack> tracks = new ArrayList<>(nt);
        for (int i = 0; i < nt; i++) {
            tracks.add(checked(() -> new ArchivedTrack(r.u32(), r.u64(), r.u64())));
        }
        return checked(() -> new ArchivedSegment(number, start, duration, init, discontinuity, size, discontinuities,
                runStart, tracks));
    }

    private interface Field<T> {
        T read() throws M4fProtocolException;
    }

    /** A value the peer sent that breaks the record's rules is a protocol error, not a crash. */
    private static <T> T checked(Field<T> f) throws M4fProtocolException {
        try {
            return f.read();
        } catch (IllegalArgumentException e) {
            throw new M4fProtocolException("archive listing: " + e.getMessage());
        }
    }
}
