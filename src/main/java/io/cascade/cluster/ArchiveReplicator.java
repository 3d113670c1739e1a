package io.cascade.cluster;

import io.cascade.net.PeerText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills the holes of a restreamer's own archive from its source's ({@code replicate}): lists the
 * source's segments over a window, and fetches, at the configured rate, each one the local
 * archive lacks, storing it under the source's number with the source's bytes. One segment at a
 * time, on its own thread, within a byte rate: live pulls never wait for it.
 */
public final class ArchiveReplicator {
    private static final Logger log = LoggerFactory.getLogger(ArchiveReplicator.class);
    private static final int PAGE = 1000;

    private final String stream;
    private final ArchiveIndex source;
    private final ReplicaArchive local;
    private final ByteRateLimit rate;

    ArchiveReplicator(String stream, ArchiveIndex source, ReplicaArchive local, ByteRateLimit rate) {
        this.stream = stream;
        this.source = source;
        this.local = local;
        this.rate = rate;
    }

    public ArchiveReplicator(String stream, ArchiveIndex source, ReplicaArchive local, long bytesPerSecond) {
        this(stream, source, local, ByteRateLimit.realTime(bytesPerSecond));
    }

    /** The source's segments in {@code [fromTicks, toTicks)} the local archive lacks, oldest first. */
    List<ArchivedSegment> missing(long fromTicks, long toTicks) throws IOException {
        List<ArchivedSegment> gaps = new ArrayList<>();
        long from = fromTicks;
        long last = -1;
        while (from < toTicks) {
            List<ArchivedSegment> page = source.segments(from, toTicks, PAGE);
            for (ArchivedSegment s : page) {
                if (s.number() > last && !local.has(s.number())) {
                    gaps.add(s);
                }
                last = Math.max(last, s.number());
            }
            if (page.size() < PAGE) {
                break;
            }
            from = Math.max(from + 1, page.get(page.size() - 1).startDts() + 1);
        }
        return gaps;
    }

    /** Copies what is missing in the window; returns how many segments were stored. */
    public int fill(long fromTicks, long toTicks) throws IOException, InterruptedException {
        int stored = 0;
        for (ArchivedSegment s : missing(fromTicks, toTicks)) {
            Optional<SegmentCopy> copy = source.read(s.number());
            if (copy.isEmpty()) {
                continue; // gone from the source meanwhile (retention)
            }
            Optional<byte[]> init = source.init(copy.get().segment().initVersion());
            if (init.isEmpty()) {
                log.warn("replicating {}: the source lacks init {} of segment {}", PeerText.escape(stream),
                        copy.get().segment().initVersion(), s.number());
                continue;
            }
            rate.acquire(copy.get().bytes().length);
            local.store(copy.get().segment(), init.get(), copy.get().bytes());
            stored++;
        }
        if (stored > 0) {
            log.info("replicated {} missing segments of {} from its source", stored, PeerText.escape(stream));
        }
        return stored;
    }
}
