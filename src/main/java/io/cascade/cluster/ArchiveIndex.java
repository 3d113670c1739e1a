package io.cascade.cluster;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The read side of one stream's archive, as the cluster serves it to peers and as a restreamer's
 * {@link RemoteArchive} offers it in turn (so a middle tier answers the tier below from what it
 * fetched). Methods may block (disk, network): callers are virtual threads, never event loops.
 * An {@link ArchiveUnavailableException} says the archive cannot be reached now (HTTP 503); any
 * other IOException is a failure of this archive.
 */
public interface ArchiveIndex {
    /** The recorded ranges, oldest first, not overlapping. */
    List<ArchiveRange> ranges() throws IOException;

    /** The segments that overlap {@code [fromTicks, toTicks)}, oldest first, at most {@code limit}. */
    List<ArchivedSegment> segments(long fromTicks, long toTicks, int limit) throws IOException;

    /** Segment {@code number} with its bytes, empty when the archive does not hold it. */
    Optional<SegmentCopy> read(long number) throws IOException;

    /** The bytes of init segment {@code version} ({@code ftyp}+{@code moov}), empty when unknown. */
    Optional<byte[]> init(int version) throws IOException;
}
