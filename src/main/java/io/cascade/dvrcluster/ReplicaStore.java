package io.cascade.dvrcluster;

import io.cascade.cluster.ArchivedSegment;
import io.cascade.cluster.ReplicaArchive;
import io.cascade.cmaf.CmafReader;
import io.cascade.dvr.StreamArchive;
import io.cascade.media.InitSegment;
import io.cascade.media.MediaFormatException;
import io.cascade.media.Segment;

import java.io.IOException;

/**
 * A restreamer's own recording of a stream as replication fills it: a segment the source has and
 * this server missed is appended under the source's number with the source's bytes, as the
 * recorder would have written it live.
 */
public final class ReplicaStore implements ReplicaArchive {
    private final StreamArchive archive;

    public ReplicaStore(StreamArchive archive) {
        this.archive = archive;
    }

    @Override
    public boolean has(long number) {
        return archive.byNumber(number).isPresent();
    }

    @Override
    public void store(ArchivedSegment segment, byte[] init, byte[] bytes) throws IOException {
        if (has(segment.number())) {
            return; // the live recording wrote it meanwhile
        }
        InitSegment initSegment;
        try {
            initSegment = new InitSegment(segment.initVersion(), CmafReader.readInit(init), init);
        } catch (MediaFormatException e) {
            throw new IOException("init of replicated segment " + segment.number() + " cannot be read: " + e.getMessage(), e);
        }
        archive.append(Segment.complete(segment.number(), segment.startDts(), segment.duration(), initSegment,
                segment.discontinuity(), bytes));
    }
}
