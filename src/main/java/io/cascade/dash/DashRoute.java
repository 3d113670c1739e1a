package io.cascade.dash;

import io.cascade.auth.PlayGate;
import io.cascade.cmaf.CmafInitWriter;
import io.cascade.codec.CodecString;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.httpstream.HttpAdmission;
import io.cascade.httpstream.RepeatedWarnings;
import io.cascade.httpstream.StreamRequests;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.session.Session;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DASH over HTTP, under {@code /NAME/}:
 * <ul>
 *   <li>{@code index.mpd}: the live manifest, one AdaptationSet per track;</li>
 *   <li>{@code init-v1.mp4}, {@code init-a2.mp4}: the init segment of one track (kind letter
 *       {@code v}/{@code a} + track id) of the current tracks;</li>
 *   <li>{@code seg-v1-tTIME.m4s}: that track's frames of the canonical segment whose fragment of
 *       the track starts at TIME (90 kHz UTC ticks, its {@code S@t}), as one fragment;</li>
 *   <li>{@code seg-v1-N.m4s}: the same by segment number (kept for older clients, no longer listed);</li>
 *   <li>{@code seg-N.m4s}: canonical segment N as it is, all tracks muxed (kept for older clients,
 *       no longer listed; its init is HLS's {@code init.mp4}).</li>
 * </ul>
 * What a manifest lists for a client and when it is answered follow that client ({@link DashClients}).
 */
public final class DashRoute implements Route {
    private static final String SEGMENT_CACHE = "max-age=3600";
    /** Numbers and times of at most 18 digits, which always parse as a long. */
    private static final Pattern PATH = Pattern.compile("^/(.+)/(?:(index\\.mpd)|seg-(\\d{1,18})\\.m4s"
            + "|init-([va])([1-9]\\d{0,8})\\.mp4|seg-([va])([1-9]\\d{0,8})-(t?)(\\d{1,18})\\.m4s)$");
    /** How many of the oldest segments of a full window the manifest leaves out. */
    static final int UNLISTED_OLDEST = 2;
    private static final RepeatedWarnings warnings = new RepeatedWarnings(LoggerFactory.getLogger(DashRoute.class));

    /** The protocol name sessions and the authorization backend know DASH by. */
    public static final String PROTO = "dash";

    private final StreamRegistry registry;
    private final PlayGate gate;
    private final DashClients clients = new DashClients();

    /** Every request is admitted by {@code gate} first (see {@link HttpAdmission}). */
    public DashRoute(StreamRegistry registry, PlayGate gate) {
        this.registry = registry;
        this.gate = gate;
    }

    @Override
    public boolean handle(HttpExchange ex) {
        Matcher m = PATH.matcher(ex.path());
        if (!m.matches()) {
            return false;
        }
        Optional<LiveStream> found = StreamRequests.find(ex, registry, m.group(1));
        if (found.isEmpty()) {
            return true;
        }
        LiveStream stream = found.get();
        HttpAdmission.admit(ex, gate, stream.name(), PROTO, session -> answer(ex, stream, m, session));
        return true;
    }

    private void answer(HttpExchange ex, LiveStream stream, Matcher m, Session session) {
        if (m.group(2) != null) {
            // Cutting tracks out of segments takes milliseconds the first time (the manifest sizes them all).
            String client = clientKey(ex, stream);
            StreamRequests.whenReady(ex, stream, e -> manifestWhenNew(e, stream, client, session));
        } else if (m.group(3) != null) {
            muxedSegment(ex, stream, Long.parseLong(m.group(3)), session);
        } else if (m.group(4) != null) {
            init(ex, stream, representation(m.group(4), m.group(5)), session);
        } else {
            RepresentationId id = representation(m.group(6), m.group(7));
            long key = Long.parseLong(m.group(9));
            if (m.group(8).isEmpty()) {
                StreamRequests.offload(ex, () -> send(ex, stream, id, closedSegment(stream, key), session));
            } else {
                StreamRequests.offload(ex, () -> timedTrackSegment(ex, stream, id, key, session));
            }
        }
    }

    /** Bounded whatever the client sends: its User-Agent counts by a hash, not by its (up to 8 KB) text. */
    private static String clientKey(HttpExchange ex, LiveStream stream) {
        String agent = String.valueOf(ex.header("User-Agent"));
        return ex.client() + " " + Integer.toHexString(agent.hashCode()) + "/" + agent.length() + " " + stream.name();
    }

    /** The manifest now, or when the next segment is made if the client already has the newest one. */
    private void manifestWhenNew(HttpExchange ex, LiveStream stream, String client, Session session) {
        SegmentStore store = stream.store();
        List<Segment> window = store.closedSegments();
        if (window.isEmpty() || !clients.hasNewest(client, window.getLast().number())) {
            StreamRequests.offload(ex, () -> manifest(ex, stream, client, session));
            return;
        }
        long newest = window.getLast().number();
        CompletableFuture<Segment> next = NextSegment.of(store, hold(store));
        if (store.closedSegments().getLast().number() != newest) {
            // It was made meanwhile.
            next.cancel(false);
        }
        next.whenComplete((s, err) -> StreamRequests.offload(ex, () -> manifest(ex, stream, client, session)));
    }

    /** Twice the newest segment's duration and a second, within the wait a first viewer gets. */
    private static Duration hold(SegmentStore store) {
        List<Segment> window = store.closedSegments();
        long millis = window.isEmpty() ? 0 : Timebase.toMillis(window.getLast().duration()) * 2 + 1000;
        return Duration.ofMillis(Math.min(millis, StreamRequests.READY_TIMEOUT_SECONDS * 1000));
    }

    private static RepresentationId representation(String kind, String trackId) {
        return new RepresentationId(kind.charAt(0), Integer.parseInt(trackId));
    }

    private void manifest(HttpExchange ex, LiveStream stream, String client, Session session) {
        SegmentStore store = stream.store();
        List<Segment> window = store.closedSegments();
        if (window.isEmpty()) {
            ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "stream " + stream.name() + " has no segment yet");
            return;
        }
        String mpd;
        try {
            DashWindow w = listed(window, store, clients.firstListed(client, window.getLast().number(), System.nanoTime()));
            // Sizing every listed track segment makes them ahead of the players, which fetch them all anyway.
            DashStreamInfo info = new DashStreamInfo(CodecString::of,
                    (seg, t) -> readable(stream, seg, () -> TrackSegments.size(seg, t), 0L),
                    (seg, t) -> readable(stream, seg, () -> TrackSegments.span(seg, t), Optional.empty()));
            mpd = DashManifest.live(w, info, Instant.now(), Optional.of(timeUrl(stream.name())));
        } catch (RuntimeException e) {
            warnings.warn(stream.name() + " mpd", "stream " + stream.name() + ": no DASH manifest", e);
            ex.sendError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the manifest of stream " + stream.name()
                    + " cannot be made");
            return;
        }
        String manifest = mpd;
        String own = HttpAdmission.handOn(session, stream).map(q -> ManifestQuery.append(manifest, q)).orElse(mpd);
        session.sent(own.length());
        ex.sendText("application/dash+xml", own);
    }

    /**
     * The window less its oldest segments, which the store is about to drop (a segment the
     * manifest lists stays fetchable for a while, for a player holding a manifest a few seconds
     * old), less those before {@code fromNumber} (see {@link DashClients}) and those before the
     * timeline last went back; never empty.
     */
    static DashWindow listed(List<Segment> window, SegmentStore store, long fromNumber) {
        int from = Math.max(0, Math.min(window.size() - (store.capacity() - UNLISTED_OLDEST), window.size() - 1));
        while (from < window.size() - 1 && window.get(from).number() < fromNumber) {
            from++;
        }
        for (int i = from + 1; i < window.size(); i++) {
            if (window.get(i).startDts() < window.get(i - 1).endDts()) {
                // The timeline went back (an input re-anchored): Periods cannot, so list from there.
                from = i;
            }
        }
        long discontinuities = store.discontinuitiesBeforeWindow();
        long periodStart = store.periodStartBeforeWindow();
        for (Segment s : window.subList(0, from)) {
            if (s.discontinuity()) {
                discontinuities++;
                periodStart = s.startDts();
            }
        }
        return new DashWindow(window.subList(from, window.size()), discontinuities, periodStart);
    }

    /**
     * {@link TimeRoute}'s URL relative to the manifest at {@code /NAME/index.mpd}, so it stays right
     * behind a proxy that serves the server under a path prefix.
     */
    static String timeUrl(String streamName) {
        int depth = (int) streamName.chars().filter(c -> c == '/').count() + 1;
        return "../".repeat(depth) + TimeRoute.PATH.substring(1);
    }

    private static void init(HttpExchange ex, LiveStream stream, RepresentationId id, Session session) {
        Optional<Track> track = initTrack(stream.store(), id);
        if (track.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no track " + id + " in stream " + stream.name());
            return;
        }
        byte[] bytes = CmafInitWriter.write(List.of(track.get()));
        session.sent(bytes.length);
        ex.sendBytes("video/mp4", bytes, "no-cache");
    }

    /**
     * The track of the current init, else of the newest listed segment that has it (so a Period
     * before a track change still finds an init while the change is in the window).
     */
    private static Optional<Track> initTrack(SegmentStore store, RepresentationId id) {
        Optional<Track> current = store.init().flatMap(init -> trackOf(init, id));
        if (current.isPresent()) {
            return current;
        }
        return store.closedSegments().reversed().stream()
                .flatMap(s -> trackOf(s.init(), id).stream()).findFirst();
    }

    private static Optional<Track> trackOf(InitSegment init, RepresentationId id) {
        return init.tracks().stream().filter(id::names).findFirst();
    }

    /**
     * What {@code read} makes of a segment, or {@code otherwise} (logged once a minute) when its
     * bytes cannot be read back: one bad segment is left out, the rest is served.
     */
    private static <T> T readable(LiveStream stream, Segment s, Supplier<T> read, T otherwise) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            warnings.warn(stream.name() + " " + s.number(), "stream " + stream.name() + ": segment " + s.number()
                    + " has no DASH form", e);
            return otherwise;
        }
    }

    /** Serves the closed segment whose fragment of the track starts at {@code time}. */
    private void timedTrackSegment(HttpExchange ex, LiveStream stream, RepresentationId id, long time,
                                   Session session) {
        for (Segment s : stream.store().closedSegments().reversed()) {
            Optional<TrackSpan> span = trackOf(s.init(), id)
                    .flatMap(t -> readable(stream, s, () -> TrackSegments.span(s, t), Optional.empty()));
            if (span.isPresent() && span.get().start() == time) {
                send(ex, stream, id, Optional.of(s), session);
                return;
            }
        }
        send(ex, stream, id, Optional.empty(), session);
    }

    private void send(HttpExchange ex, LiveStream stream, RepresentationId id, Optional<Segment> segment,
                      Session session) {
        Optional<Track> track = segment.flatMap(s -> trackOf(s.init(), id));
        Optional<byte[]> bytes = track.flatMap(t -> readable(stream, segment.get(),
                () -> TrackSegments.of(segment.get(), t), Optional.empty()));
        if (bytes.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no such segment of track " + id + " in stream " + stream.name());
            return;
        }
        stream.request(ex.client());
        clients.fetched(clientKey(ex, stream), segment.get().number(), System.nanoTime());
        session.sent(bytes.get().length);
        ex.sendBytes("video/iso.segment", bytes.get(), SEGMENT_CACHE);
    }

    private static void muxedSegment(HttpExchange ex, LiveStream stream, long number, Session session) {
        Optional<Segment> s = closedSegment(stream, number);
        if (s.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no segment " + number + " in stream " + stream.name());
            return;
        }
        stream.request(ex.client());
        session.sent(s.get().bytes().length);
        ex.sendBytes("video/iso.segment", s.get().bytes(), SEGMENT_CACHE);
    }

    private static Optional<Segment> closedSegment(LiveStream stream, long number) {
        return stream.store().byNumber(number).filter(Segment::isComplete);
    }
}
