package io.cascade.cluster;

import io.cascade.http.HttpExchange;
import io.cascade.net.PeerText;
import io.cascade.net.RateLimitedLog;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source side of archive requests, {@code /cascade/m4f/v2/archive/NAME} with one of
 * {@code from=T&to=T} (ranges and segment listing), {@code segment=N} or {@code init=V}: each a
 * finite M4F response (hello, then an {@code X}; an {@code S}, one {@code C}, an {@code E}; or
 * an {@code I}), every message with its MAC. Answered from this server's {@link ArchiveCatalog}
 * on a virtual thread (an archive reads disk or, on a restreamer, the network).
 */
final class ArchiveAnswers {
    private static final Logger log = LoggerFactory.getLogger(ArchiveAnswers.class);
    /** One range of a listing request: longer windows are asked page by page. */
    static final long MAX_WINDOW_TICKS = 366L * 24 * 3600 * 90_000;
    private static final int HELLO_RANGES = 256;
    private final RateLimitedLog unavailable = new RateLimitedLog(log, 10_000);

    private final ArchiveCatalog catalog;
    /** Archive requests answered at once (each reads disk or the network); beyond, 503 at once. */
    static final int MAX_CONCURRENT = 64;
    private final java.util.concurrent.Semaphore running = new java.util.concurrent.Semaphore(MAX_CONCURRENT);

    ArchiveAnswers(ArchiveCatalog catalog) {
        this.catalog = catalog;
    }

    /** The hello's {@code dvr} field of a live pull: the newest recorded ranges, or null without an archive. */
    Object helloField(String stream) {
        Optional<ArchiveIndex> a = catalog.find(stream);
        if (a.isEmpty()) {
            return null;
        }
        try {
            List<ArchiveRange> ranges = a.get().ranges();
            List<ArchiveRange> tail = ranges.subList(Math.max(0, ranges.size() - HELLO_RANGES), ranges.size());
            return Map.of("ranges", tail.stream().map(r -> Map.of("from", r.fromTicks(), "to", r.toTicks())).toList());
        } catch (IOException e) {
            return null;
        }
    }

    void answer(HttpExchange ex, String stream, M4fEncoder encoder, M4fMessage hello) {
        Optional<ArchiveIndex> archive = catalog.find(stream);
        if (archive.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no archive of this stream");
            return;
        }
        if (!running.tryAcquire()) {
            unavailable.warn("archive requests: " + MAX_CONCURRENT + " under way, refusing one from " + ex.client());
            ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "archive busy");
            return;
        }
        Thread.ofVirtual().name("m4f-archive").start(() -> {
            try {
                Optional<List<M4fMessage>> reply = messages(ex, archive.get());
                if (reply.isEmpty()) {
                    return;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(ByteBufUtil.getBytes(encoder.encode(hello)));
                for (M4fMessage m : reply.get()) {
                    out.writeBytes(ByteBufUtil.getBytes(encoder.encode(m)));
                }
                ex.sendBytes(M4fRoute.CONTENT_TYPE, out.toByteArray(), "no-store");
            } catch (IOException e) {
                unavailable.warn("archive of " + PeerText.escape(stream) + " for " + ex.client() + ": "
                        + PeerText.escape(String.valueOf(e.getMessage())));
                ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "archive unavailable");
            } finally {
                running.release();
            }
        });
    }

    /** The messages after the hello, or empty once an error was sent. */
    private Optional<List<M4fMessage>> messages(HttpExchange ex, ArchiveIndex archive) throws IOException {
        Optional<Long> segment = number(ex, "segment", Long.MAX_VALUE);
        Optional<Long> init = number(ex, "init", 0xffff_ffffL);
        Optional<Long> from = number(ex, "from", Long.MAX_VALUE);
        Optional<Long> to = number(ex, "to", Long.MAX_VALUE);
        if (segment.isPresent()) {
            Optional<SegmentCopy> c = archive.read(segment.get());
            if (c.isEmpty()) {
                return notFound(ex, "no such archived segment");
            }
            ArchivedSegment s = c.get().segment();
            if (c.get().bytes().length > M4fMessage.MAX_PAYLOAD - 8) {
                throw new IOException("archived segment " + s.number() + " is larger than an M4F message may be");
            }
            return Optional.of(List.of(M4fMessage.segmentStart(s.number(), s.startDts(), s.initVersion(), s.discontinuity()),
                    M4fMessage.chunk(s.number(), c.get().bytes()), M4fMessage.segmentEnd(s.number(), s.duration())));
        }
        if (init.isPresent()) {
            Optional<byte[]> b = archive.init((int) (long) init.get());
            if (b.isEmpty()) {
                return notFound(ex, "no such init segment");
            }
            if (b.get().length > M4fMessage.MAX_PAYLOAD - 4) {
                throw new IOException("init " + init.get() + " is larger than an M4F message may be");
            }
            return Optional.of(List.of(M4fMessage.init((int) (long) init.get(), b.get())));
        }
        if (from.isPresent() && to.isPresent() && to.get() > from.get() && to.get() - from.get() <= MAX_WINDOW_TICKS) {
            List<ArchivedSegment> list = archive.segments(from.get(), to.get(), ArchiveListing.MAX_SEGMENTS + 1);
            return Optional.of(List.of(new ArchiveListing(archive.ranges(), list, false).toMessage()));
        }
        ex.sendError(HttpResponseStatus.BAD_REQUEST, "archive request needs segment=N, init=V, or from=T&to=T "
                + "(90 kHz ticks, from < to, at most a year apart)");
        return Optional.empty();
    }

    private static Optional<List<M4fMessage>> notFound(HttpExchange ex, String why) {
        ex.sendError(HttpResponseStatus.NOT_FOUND, why);
        return Optional.empty();
    }

    /** A query parameter as a number in 0..max; absent or not such a number: empty. */
    private static Optional<Long> number(HttpExchange ex, String name, long max) {
        try {
            return ex.param(name).map(Long::parseLong).filter(n -> n >= 0 && n <= max);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
