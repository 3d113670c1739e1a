package io.cascade.dvrcluster;

import io.cascade.cluster.ArchiveIndex;
import io.cascade.cluster.ArchiveRange;
import io.cascade.cluster.ArchivedSegment;
import io.cascade.cluster.ArchivedTrack;
import io.cascade.cluster.SegmentCopy;
import io.cascade.dvr.InitIds;
import io.cascade.dvr.StreamArchive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** A recorded stream's archive as the cluster serves it to peers: same numbers, times and bytes. */
public final class LocalArchiveIndex implements ArchiveIndex {
    private final StreamArchive archive;

    public LocalArchiveIndex(StreamArchive archive) {
        this.archive = archive;
    }

    @Override
    public List<ArchiveRange> ranges() {
        return archive.ranges().stream().map(r -> new ArchiveRange(r.from(), r.to())).toList();
    }

    @Override
    public List<ArchivedSegment> segments(long fromTicks, long toTicks, int limit) {
        List<ArchivedSegment> out = new ArrayList<>();
        for (io.cascade.dvr.ArchivedSegment s : archive.segments(fromTicks, toTicks)) {
            if (out.size() >= limit) {
                break;
            }
            toWire(s).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The wire form, with what the restreamer needs to write the same playlists and manifests: the
     * archive's discontinuity sequence and run start at the segment, its size and track times. A
     * segment the wire cannot carry (no duration, a track far from it) is left out.
     */
    Optional<ArchivedSegment> toWire(io.cascade.dvr.ArchivedSegment s) {
        if (s.duration() <= 0 || s.startDts() < 0) {
            return Optional.empty();
        }
        List<ArchivedTrack> tracks = s.tracks().stream()
                .map(t -> new ArchivedTrack(t.trackId(), Math.max(0, t.start()), t.duration())).toList();
        try {
            return Optional.of(new ArchivedSegment(s.number(), s.startDts(), s.duration(), InitIds.version(s.initId()),
                    s.discontinuity(), s.size(), archive.discontinuitySequence(s),
                    Math.min(s.startDts(), Math.max(0, archive.runStart(s))), tracks));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<SegmentCopy> read(long number) throws IOException {
        Optional<io.cascade.dvr.ArchivedSegment> s = archive.byNumber(number);
        Optional<ArchivedSegment> wire = s.flatMap(this::toWire);
        if (wire.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SegmentCopy(wire.get(), archive.read(s.get()).join().bytes()));
        } catch (CompletionException e) {
            throw new IOException("archived segment " + number + " cannot be read: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public Optional<byte[]> init(int version) throws IOException {
        for (String id : archive.initIds()) {
            if (InitIds.version(id) == version) {
                try {
                    return Optional.of(archive.init(id).join().bytes());
                } catch (CompletionException e) {
                    throw new IOException("init " + id + " cannot be read: " + e.getCause(), e.getCause());
                }
            }
        }
        return Optional.empty();
    }
}
