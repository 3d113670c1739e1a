package io.cascade.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A source's archive of one stream, read through M4F archive requests: the restreamer answers
 * archive playback from it without an archive of its own, and, being an {@link ArchiveIndex}
 * too, answers the archive requests of its own tier below from it. Segment and init bytes stay
 * in the shared {@link ArchiveCache}; listings and ranges for {@link #LISTING_MILLIS}.
 * Concurrent requests for one thing make one fetch. Hosts of the source are tried in order;
 * one that failed is skipped for {@link #DOWN_MILLIS}, and a request never takes more than
 * {@link #DEADLINE} in all, so with the source away it fails fast with
 * {@link ArchiveUnavailableException} (HTTP 503) rather than hanging a viewer.
 */
public final class RemoteArchive implements ArchiveIndex {
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final long DOWN_MILLIS = 1_000;
    static final long LISTING_MILLIS = 1_000;
    private static final int MAX_LISTINGS = 64;
    /** Fetches of one stream's archive under way at once; more wait, within their deadline. */
    static final int MAX_FETCHES = 16;

    private final String stream;
    private final List<PeerConnector> hosts;
    private final ArchiveCache cache;
    private final LongSupplier clock;
    private final String source;
    private final Map<PeerConnector, Long> downUntil = new ConcurrentHashMap<>();
    private final Coalescer<String, ArchiveListing> listingLoads = new Coalescer<>();
    private final Map<String, Timed> listings = new LinkedHashMap<>(16, 0.75f, true);
    private final java.util.concurrent.Semaphore fetches = new java.util.concurrent.Semaphore(MAX_FETCHES);

    private record Timed(long at, ArchiveListing listing) {
    }

    public RemoteArchive(String stream, List<PeerConnector> hosts, ArchiveCache cache) {
        this(stream, hosts, cache, System::currentTimeMillis);
    }

    RemoteArchive(String stream, List<PeerConnector> hosts, ArchiveCache cache, LongSupplier clockMillis) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a remote archive needs a host");
        }
        this.stream = stream;
        this.hosts = List.copyOf(hosts);
        this.cache = cache;
        this.clock = clockMillis;
        this.source = this.hosts.stream().map(h -> h.peer().toString()).toList().toString();
    }

    public String stream() {
        return stream;
    }

    /** The source's hosts, in the order they are tried. */
    List<PeerConnector> hosts() {
        return hosts;
    }

    @Override
    public List<ArchiveRange> ranges() throws IOException {
        return listing(0, 1).ranges();
    }

    @Override
    public List<ArchivedSegment> segments(long fromTicks, long toTicks, int limit) throws IOException {
        List<ArchivedSegment> out = new ArrayList<>();
        long from = fromTicks;
        long last = -1;
        while (out.size() < limit && from < toTicks) {
            ArchiveListing page = listing(from, toTicks);
            for (ArchivedSegment s : page.segments()) {
                if (s.number() > last && out.size() < limit) {
                    out.add(s);
                    last = s.number();
                }
            }
            if (!page.more() || page.segments().isEmpty()) {
                break;
            }
            from = Math.max(from + 1, page.segments().get(page.segments().size() - 1).startDts() + 1);
        }
        return out;
    }

    @Override
    public Optional<SegmentCopy> read(long number) throws IOException {
        return cached('S', number, SegmentCopy.class, SegmentCopy::bytes, () -> fetchSegment(number));
    }

    @Override
    public Optional<byte[]> init(int version) throws IOException {
        return cached('I', version & 0xffff_ffffL, byte[].class, b -> b, () -> fetchInit(version));
    }

    private <T> Optional<T> cached(char kind, long number, Class<T> type, java.util.function.Function<T, byte[]> bytesOf,
                                   Coalescer.Load<Optional<T>> load) throws IOException {
        try {
            return cache.get(new ArchiveCache.Key(source, stream, kind, number), type, load, bytesOf);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveUnavailableException("interrupted");
        }
    }

    private ArchiveListing listing(long from, long to) throws IOException {
        String key = from + "-" + to;
        synchronized (listings) {
            Timed t = listings.get(key);
            if (t != null && clock.getAsLong() - t.at() < LISTING_MILLIS) {
                return t.listing();
            }
        }
        try {
            return listingLoads.get(key, () -> {
                // 404: the source records nothing of this stream, an empty archive rather than an unreachable one
                Optional<List<M4fMessage>> m = fetch("from=" + from + "&to=" + to, 1);
                ArchiveListing l = m.isEmpty() ? new ArchiveListing(List.of(), List.of(), false) : ArchiveListing.of(m.get().get(0));
                synchronized (listings) {
                    listings.put(key, new Timed(clock.getAsLong(), l));
                    if (listings.size() > MAX_LISTINGS) {
                        listings.remove(listings.keySet().iterator().next());
                    }
                }
                return l;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveUnavailableException("interrupted");
        }
    }

    private Optional<SegmentCopy> fetchSegment(long number) throws IOException, InterruptedException {
        Optional<List<M4fMessage>> m = fetch("segment=" + number, 3);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        M4fMessage start = m.get().get(0);
        M4fMessage chunk = m.get().get(1);
        M4fMessage end = m.get().get(2);
        if (start.type() != 'S' || chunk.type() != 'C' || end.type() != 'E') {
            throw new M4fProtocolException("archived segment answered with '" + start.type() + chunk.type() + end.type() + "'");
        }
        var s = start.body(21);
        var c = chunk.body(8);
        var e = end.body(16);
        long n = s.getLong();
        if (n != number || c.getLong() != number || e.getLong() != number) {
            throw new M4fProtocolException("asked for archived segment " + number + ", got " + n);
        }
        long startDts = s.getLong();
        int init = s.getInt();
        boolean disc = (s.get() & 1) != 0;
        long duration = e.getLong();
        ArchivedSegment seg;
        try {
            seg = new ArchivedSegment(number, startDts, duration, init, disc);
        } catch (IllegalArgumentException bad) {
            throw new M4fProtocolException(bad.getMessage());
        }
        return Optional.of(new SegmentCopy(seg, java.util.Arrays.copyOfRange(chunk.payload(), 8, chunk.payload().length)));
    }

    private Optional<byte[]> fetchInit(int version) throws IOException, InterruptedException {
        Optional<List<M4fMessage>> m = fetch("init=" + (version & 0xffff_ffffL), 1);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        M4fMessage i = m.get().get(0);
        if (i.type() != 'I' || i.body(4).getInt() != version) {
            throw new M4fProtocolException("asked for init " + version + ", got '" + i.type() + "'");
        }
        return Optional.of(java.util.Arrays.copyOfRange(i.payload(), 4, i.payload().length));
    }

    /**
     * The {@code count} messages after the hello of the first host that answers 200; empty when a
     * host answers 404 (it has no such thing); unavailable when none answers within the deadline.
     */
    private Optional<List<M4fMessage>> fetch(String query, int count) throws IOException, InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        if (!fetches.tryAcquire(DEADLINE.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
            throw new ArchiveUnavailableException("archive of " + stream + ": " + MAX_FETCHES + " fetches under way");
        }
        try {
            return fetch(query, count, end);
        } finally {
            fetches.release();
        }
    }

    private Optional<List<M4fMessage>> fetch(String query, int count, long end) throws IOException, InterruptedException {
        String path = M4fRoute.ARCHIVE + "/" + M4fInput.encodePath(stream) + "?" + query;
        String why = "every host of the source is down";
        for (PeerConnector host : hosts) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (downUntil.getOrDefault(host, 0L) > clock.getAsLong()) {
                continue;
            }
            try {
                PeerConnector.Reply r = host.fetch(path, Duration.ofNanos(left));
                if (r.status() == 404) {
                    return Optional.empty();
                }
                if (r.status() != 200) {
                    throw new IOException(host.peer() + " answered " + r.status());
                }
                if (r.messages().size() != count + 1 || r.messages().get(0).type() != 'H') {
                    throw new M4fProtocolException(host.peer() + " answered an archive request with "
                            + r.messages().size() + " messages");
                }
                downUntil.remove(host);
                return Optional.of(r.messages().subList(1, count + 1));
            } catch (IOException e) {
                downUntil.put(host, clock.getAsLong() + DOWN_MILLIS);
                why = e.getMessage();
            }
        }
        throw new ArchiveUnavailableException("archive of " + stream + " unreachable: " + why);
    }
}
