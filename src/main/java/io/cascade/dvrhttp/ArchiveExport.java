package io.cascade.dvrhttp;

import io.cascade.cmaf.CmafInitWriter;
import io.cascade.cmaf.FragmentTimes;
import io.cascade.dvr.Archive;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.hls.TsSegments;
import io.cascade.http.HttpExchange;
import io.cascade.http.StreamingReply;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code archive-FROM-DURATION.ts} and {@code .mp4}: a piece of the archive as one file, written
 * segment by segment as the client reads it (never more than {@link #MAX_QUEUED} bytes ahead of
 * it), with no temporary file and never the whole piece in memory.
 *
 * <ul>
 *   <li>MPEG-TS: each segment's TS form one after the other; their continuity counters run on
 *       from segment to segment (DECISIONS §16), so the file is one clean stream.</li>
 *   <li>MP4: a fragmented MP4, the init with an {@code mehd} holding the piece's duration (so
 *       readers know it without reading the fragments), then the canonical fragments with their
 *       decode times counted from the piece's start (a file starts at 0). Segments of another init than the first (the tracks changed) are left out.</li>
 * </ul>
 */
final class ArchiveExport {
    static final long MAX_QUEUED = 4L << 20;
    private static final Logger log = LoggerFactory.getLogger(ArchiveExport.class);

    private ArchiveExport() {
    }

    /** Runs on a worker thread: it waits for the client. */
    static void send(HttpExchange ex, Archive archive, List<ArchivedSegment> list, boolean mp4) {
        StreamingReply reply = ex.startStreaming(mp4 ? "video/mp4" : "video/mp2t");
        try {
            String initId = list.getFirst().initId();
            long origin = list.getFirst().startDts();
            if (mp4) {
                InitSegment init = archive.init(initId).join();
                long duration = list.stream().filter(s -> s.initId().equals(initId))
                        .mapToLong(ArchivedSegment::endDts).max().orElseThrow() - list.getFirst().startDts();
                reply.write(Unpooled.wrappedBuffer(CmafInitWriter.write(init.tracks(), duration)));
            }
            for (ArchivedSegment s : list) {
                if (mp4 && !s.initId().equals(initId)) {
                    continue;
                }
                if (!waitForClient(reply)) {
                    return;
                }
                Segment seg = archive.read(s).join();
                byte[] bytes = mp4 ? FragmentTimes.shifted(seg.bytes(), origin) : TsSegments.of(seg);
                reply.write(Unpooled.wrappedBuffer(bytes));
            }
            reply.end();
        } catch (RuntimeException e) {
            log.debug("export of {} cut: {}", ex.path(), e.toString());
            reply.abort();
        }
    }

    private static boolean waitForClient(StreamingReply reply) {
        while (reply.isOpen() && reply.pendingBytes() > MAX_QUEUED) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return reply.isOpen();
    }
}
