package io.cascade.dvrhttp;

import io.cascade.cmaf.CmafInitWriter;
import io.cascade.auth.PlayGate;
import io.cascade.dash.DashManifest;
import io.cascade.dash.ManifestQuery;
import io.cascade.dash.TrackSegments;
import io.cascade.dvr.Archive;
import io.cascade.dvr.ArchiveUnreachableException;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.hls.HlsPlaylists;
import io.cascade.hls.PlaylistQuery;
import io.cascade.httpstream.HttpAdmission;
import io.cascade.hls.SegmentFormat;
import io.cascade.hls.SegmentName;
import io.cascade.hls.SegmentNames;
import io.cascade.hls.TsSegments;
import io.cascade.tsout.MpegTsRoute;
import io.cascade.http.HttpExchange;
import io.cascade.http.SharedBody;
import io.cascade.http.Route;
import io.cascade.httpstream.RepeatedWarnings;
import io.cascade.httpstream.StreamRequests;
import io.cascade.media.DerivedForm;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archive playback under {@code /NAME/}: {@code archive-FROM-DURATION.m3u8} (also {@code index-},
 * {@code video-}), {@code .mpd}, {@code .ts} and {@code .mp4} exports, {@code archive-FROM-now.m3u8},
 * {@code rewind-N.m3u8|mpd}, {@code timeshift_abs-FROM.m3u8}, {@code timeshift_rel-OFFSET.m3u8};
 * and the live segment URLs ({@code 2026/…-02000.ts|m4s}, DASH {@code seg-v1-tTIME.m4s},
 * {@code init-v1.mp4}) answered from the archive once the live window no longer holds them. Asked
 * before the live routes, it leaves them every URL the live window can answer.
 *
 * <p>Playlists come from the live writers; lookups are in memory and everything that reads a
 * file or makes a list runs off the event loop.
 */
public final class ArchiveRoute implements Route {
    static final String M3U8 = "application/vnd.apple.mpegurl";
    private static final String SEGMENT_CACHE = "max-age=3600";
    /** A catch-up segment's bodies, made once per cached segment and sent from off-heap memory or with sendfile. */
    private static final DerivedForm<CompletableFuture<SharedBody>> ARCHIVED_TS = DerivedForm.named("archive-http-ts");
    private static final DerivedForm<CompletableFuture<SharedBody>> ARCHIVED_FMP4 = DerivedForm.named("archive-http-fmp4");
    /** Segments a timeshift playlist lists, as a live window does. */
    static final int TIMESHIFT_SEGMENTS = 6;
    /** How far ahead of the played position a timeshift playlist ends, in target durations. */
    static final int TIMESHIFT_LEAD = 3;
    private static final Pattern SEGMENT = Pattern.compile(
            "^/(.+)/(\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}/\\d{2}-\\d{5}\\.(?:ts|m4s))$");
    private static final Pattern DASH_SEGMENT = Pattern.compile("^/(.+)/seg-([va])([1-9]\\d{0,8})-t(\\d{1,18})\\.m4s$");
    private static final Pattern DASH_INIT = Pattern.compile("^/(.+)/init-([va])([1-9]\\d{0,8})\\.mp4$");
    private static final Pattern FILE = Pattern.compile("^/(.+)/([^/]+)$");
    private static final RepeatedWarnings warnings = new RepeatedWarnings(LoggerFactory.getLogger(ArchiveRoute.class));

    private final StreamRegistry registry;
    private final Archives archives;
    private final PlayGate gate;
    private static final String HLS = "hls";
    private static final String DASH = "dash";
    private final TimeshiftClients timeshifts = new TimeshiftClients();

    /** Every archive request is admitted by {@code gate} first, like live playback (see {@link HttpAdmission}). */
    public ArchiveRoute(StreamRegistry registry, Archives archives, PlayGate gate) {
        this.registry = registry;
        this.archives = archives;
        this.gate = gate;
    }

    @Override
    public boolean handle(HttpExchange ex) {
        String path = ex.path();
        Matcher m = SEGMENT.matcher(path);
        if (m.matches()) {
            return segment(ex, m.group(1), m.group(2));
        }
        m = DASH_SEGMENT.matcher(path);
        if (m.matches()) {
            return dashSegment(ex, m.group(1), m.group(2).charAt(0), Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)));
        }
        m = DASH_INIT.matcher(path);
        if (m.matches()) {
            return dashInit(ex, m.group(1), m.group(2).charAt(0), Integer.parseInt(m.group(3)));
        }
        m = FILE.matcher(path);
        if (!m.matches()) {
            return false;
        }
        long now = Timebase.now();
        Optional<ArchiveRequest> request = ArchiveRequest.parse(m.group(2), Math.floorDiv(now, Timebase.HZ));
        if (request.isEmpty()) {
            return false;
        }
        String name = m.group(1);
        if (request.get() instanceof ArchiveRequest.Invalid bad) {
            ex.sendError(HttpResponseStatus.BAD_REQUEST, bad.message());
            return true;
        }
        Optional<LiveStream> stream = registry.find(name);
        Optional<Archive> archive = stream.flatMap(s -> archives.of(s.name()));
        if (stream.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no stream " + name);
        } else if (archive.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "stream " + name + " has no archive");
        } else if (request.get() instanceof ArchiveRequest.TimeshiftTs t) {
            // The archive as one endless response: admitted as /mpegts is, one connection one
            // session, its bytes counted as they go and a cut of the session ending the response.
            HttpAdmission.admitConnection(ex, gate, stream.get().name(), MpegTsRoute.PROTOCOL, session ->
                    MpegTsRoute.serve(ex, stream.get(), s -> new ArchiveSegments(archive.get(), t.from() * Timebase.HZ),
                            new MpegTsRoute.Viewing(gate, session)));
        } else {
            HttpAdmission.admit(ex, gate, stream.get().name(), protocolOf(request.get()), session ->
                    StreamRequests.offload(ex, () -> {
                        try {
                            Optional<String> handOn = HttpAdmission.handOn(session, stream.get());
                            answer(new Answer(ex, handOn), stream.get(), archive.get(), request.get(), now);
                        } catch (RuntimeException e) {
                            if (!ArchiveUnreachableException.isCause(e)) {
                                throw e;
                            }
                            unreachable(ex, name, e); // an export's join wraps it
                        }
                    }));
        }
        return true;
    }

    /** The protocol an archive request plays over, as sessions, the backend and {@code protocols} know it. */
    private static String protocolOf(ArchiveRequest request) {
        return switch (request) {
            case ArchiveRequest.Piece p when p.form() == ArchiveRequest.Form.DASH -> DASH;
            case ArchiveRequest.Rewind r when r.form() == ArchiveRequest.Form.DASH -> DASH;
            default -> HLS;
        };
    }

    /**
     * Where a playlist or manifest goes, and the query its URIs carry so the player's next
     * requests belong to the same session (its token, or the session handed on).
     */
    private record Answer(HttpExchange ex, Optional<String> handOn) {
        void playlist(String text) {
            ex.sendText(M3U8, handOn.map(q -> PlaylistQuery.append(text, q)).orElse(text));
        }

        void manifest(String mpd) {
            ex.sendText("application/dash+xml", handOn.map(q -> ManifestQuery.append(mpd, q)).orElse(mpd));
        }
    }

    private void answer(Answer a, LiveStream stream, Archive archive, ArchiveRequest request, long now) {
        HttpExchange ex = a.ex();
        switch (request) {
            case ArchiveRequest.Piece p -> piece(a, stream, archive, p);
            case ArchiveRequest.Event e -> hls(a, stream, archive, archive.segments(e.from() * Timebase.HZ,
                    Long.MAX_VALUE), false, "EVENT", "from " + e.from());
            case ArchiveRequest.Rewind r -> rewind(a, stream, archive, r, now);
            case ArchiveRequest.TimeshiftRel t -> timeshift(a, stream, archive, now - t.offset() * Timebase.HZ,
                    t.offset() + " s ago");
            case ArchiveRequest.TimeshiftAbs t -> {
                long nowSeconds = Math.floorDiv(now, Timebase.HZ);
                String client = ex.client() + " " + Integer.toHexString(String.valueOf(ex.header("User-Agent")).hashCode())
                        + " " + stream.name() + " " + t.from();
                long delay = timeshifts.started(client, nowSeconds, System.nanoTime()) - t.from();
                timeshift(a, stream, archive, now - delay * Timebase.HZ, "from " + t.from());
            }
            case ArchiveRequest.TimeshiftTs t -> throw new IllegalStateException("admitted as a connection, see handle");
            case ArchiveRequest.Invalid bad -> ex.sendError(HttpResponseStatus.BAD_REQUEST, bad.message());
        }
    }

    private void piece(Answer a, LiveStream stream, Archive archive, ArchiveRequest.Piece p) {
        HttpExchange ex = a.ex();
        long from = p.from() * Timebase.HZ;
        long to = (p.from() + p.duration()) * Timebase.HZ;
        List<ArchivedSegment> list = archive.segments(from, to);
        String what = "between " + p.from() + " and " + (p.from() + p.duration());
        switch (p.form()) {
            case HLS -> hls(a, stream, archive, list, true, "VOD", what);
            case DASH -> {
                ArchiveWindow w = ArchiveWindow.of(archive, list);
                if (w.isEmpty()) {
                    noRecording(ex, stream, what);
                } else {
                    a.manifest(DashManifest.archive(w.dashStatic(), w.dashInfo()));
                }
            }
            case TS, MP4 -> {
                if (list.isEmpty()) {
                    noRecording(ex, stream, what);
                } else {
                    ArchiveExport.send(ex, archive, list, p.form() == ArchiveRequest.Form.MP4);
                }
            }
        }
    }

    private static void hls(Answer a, LiveStream stream, Archive archive, List<ArchivedSegment> list,
                            boolean ended, String type, String what) {
        ArchiveWindow w = ArchiveWindow.of(archive, list);
        if (w.isEmpty()) {
            noRecording(a.ex(), stream, what);
            return;
        }
        a.playlist(HlsPlaylists.media(w.segments(), w.discontinuitiesBefore(), SegmentFormat.TS, ended,
                stream.target(), init -> HlsPlaylists.INIT_SEGMENT, type));
    }

    private void rewind(Answer a, LiveStream stream, Archive archive, ArchiveRequest.Rewind r, long now) {
        List<ArchivedSegment> list = archive.segments(now - r.seconds() * Timebase.HZ, Long.MAX_VALUE);
        String what = "in the last " + r.seconds() + " s";
        if (r.form() == ArchiveRequest.Form.HLS) {
            hls(a, stream, archive, list, false, null, what);
            return;
        }
        ArchiveWindow w = ArchiveWindow.of(archive, list);
        if (w.isEmpty()) {
            noRecording(a.ex(), stream, what);
            return;
        }
        int depth = (int) stream.name().chars().filter(c -> c == '/').count() + 1;
        a.manifest(DashManifest.live(w.dashLive(), w.dashInfo(), Instant.now(),
                Optional.of("../".repeat(depth) + "time")));
    }

    /**
     * The archive as if live, playing at {@code position}: the last few segments that start
     * before {@link #TIMESHIFT_LEAD} target durations after it, so a player, which joins a live
     * playlist that far from its end, plays from about {@code position}.
     */
    private void timeshift(Answer a, LiveStream stream, Archive archive, long position, String what) {
        long target = stream.target().targetSeconds() * Timebase.HZ;
        long edge = Math.min(position + TIMESHIFT_LEAD * target, Timebase.now());
        List<ArchivedSegment> list = archive.segments(edge - target * (TIMESHIFT_SEGMENTS + 2), edge).stream()
                .filter(s -> s.startDts() < edge).toList();
        list = list.subList(Math.max(0, list.size() - TIMESHIFT_SEGMENTS), list.size());
        hls(a, stream, archive, list, false, null, what);
    }

    private static void noRecording(HttpExchange ex, LiveStream stream, String what) {
        ex.sendError(HttpResponseStatus.NOT_FOUND, "stream " + stream.name() + " has no recording " + what);
    }

    // ---- live URLs of segments that left the window ----

    private boolean segment(HttpExchange ex, String name, String file) {
        Optional<Archive> archive = archives.of(name);
        if (archive.isEmpty()) {
            return false; // streams without an archive cost one map lookup here
        }
        Optional<SegmentName> parsed = SegmentNames.parse(file);
        Optional<LiveStream> stream = registry.find(name);
        if (parsed.isEmpty() || stream.isEmpty()
                || stream.get().store().closedSegments().stream().anyMatch(parsed.get()::names)) {
            return false;
        }
        SegmentFormat format = parsed.get().format();
        Optional<ArchivedSegment> found = archive.get().startingInSecond(parsed.get().startSecond()).stream()
                .filter(s -> SegmentNames.of(s.startDts(), s.duration(), format).equals(file)).findFirst();
        if (found.isEmpty()) {
            return false; // the live route answers 404
        }
        HttpAdmission.admit(ex, gate, stream.get().name(), HLS, session -> archive.get().read(found.get()).whenComplete((seg, err) -> {
            if (err != null) {
                unreadable(ex, name, file, err);
            } else if (!archive.get().sharesReads()) {
                StreamRequests.WORKERS.execute(() -> ex.sendBytes(format.contentType(),
                        format == SegmentFormat.TS ? TsSegments.of(seg) : seg.bytes(), SEGMENT_CACHE));
            } else {
                sendShared(ex, seg, format, name, file);
            }
        }));
        return true;
    }

    /**
     * A cached segment's body, made once off the event loop; once made, a request for it (the
     * read cache answered at once) is sent from the thread it came in on, without a hop.
     */
    private static void sendShared(HttpExchange ex, Segment seg, SegmentFormat format, String name, String file) {
        CompletableFuture<SharedBody> body = format == SegmentFormat.TS
                ? seg.derived(ARCHIVED_TS, x -> CompletableFuture.supplyAsync(() -> SharedBody.of(TsSegments.of(x)), StreamRequests.WORKERS))
                : seg.derived(ARCHIVED_FMP4, x -> CompletableFuture.supplyAsync(() -> SharedBody.of(x.bytes()), StreamRequests.WORKERS));
        body.whenComplete((b, err) -> {
            if (err != null) {
                unreadable(ex, name, file, err);
            } else {
                ex.sendShared(format.contentType(), b, SEGMENT_CACHE);
            }
        });
    }

    /** A source's archive that cannot be reached now: 503, so the player tries again. */
    private static void unreachable(HttpExchange ex, String name, Throwable err) {
        warnings.warn(name + " unreachable", "stream " + name + ": the source's archive cannot be reached");
        ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "the archive of stream " + name + " cannot be reached now");
    }

    private static Void unreadable(HttpExchange ex, String name, String file, Throwable err) {
        if (ArchiveUnreachableException.isCause(err)) {
            unreachable(ex, name, err);
            return null;
        }
        warnings.warn(name + " " + file, "stream " + name + ": archived segment " + file + " cannot be served", err);
        ex.sendError(HttpResponseStatus.NOT_FOUND, "segment " + file + " of stream " + name + " cannot be read from the archive");
        return null;
    }

    private boolean dashSegment(HttpExchange ex, String name, char kind, int trackId, long time) {
        Optional<Archive> archive = archives.of(name);
        Optional<LiveStream> stream = archive.isEmpty() ? Optional.empty() : registry.find(name);
        if (stream.isEmpty()) {
            return false;
        }
        // A track's fragment starts within a second of its segment: near the live window's first
        // segment the archive tells whether the fragment is that one's (live serves it) or the one
        // before, which has left the window.
        List<Segment> live = stream.get().store().closedSegments();
        if (!live.isEmpty() && time >= live.getFirst().startDts() + Timebase.HZ) {
            return false;
        }
        Optional<ArchivedSegment> found = archive.get().byTrackStart(trackId, time);
        if (found.isEmpty() || !live.isEmpty() && found.get().number() >= live.getFirst().number()) {
            return false;
        }
        String file = "seg-" + kind + trackId + "-t" + time + ".m4s";
        HttpAdmission.admit(ex, gate, stream.get().name(), DASH, session -> archive.get().read(found.get()).thenAcceptAsync(seg -> {
            Optional<byte[]> bytes = trackOf(seg.init(), kind, trackId).flatMap(t -> TrackSegments.of(seg, t));
            if (bytes.isEmpty()) {
                ex.sendError(HttpResponseStatus.NOT_FOUND, "no such segment of track " + kind + trackId + " in stream " + name);
            } else {
                ex.sendBytes("video/iso.segment", bytes.get(), SEGMENT_CACHE);
            }
        }, StreamRequests.WORKERS).exceptionally(err -> unreadable(ex, name, file, err)));
        return true;
    }

    private boolean dashInit(HttpExchange ex, String name, char kind, int trackId) {
        Optional<LiveStream> stream = registry.find(name);
        Optional<Archive> archive = archives.of(name);
        if (stream.isEmpty() || archive.isEmpty() || stream.get().store().init().isPresent()) {
            return false;
        }
        Optional<String> newest = archive.get().newestInitId();
        if (newest.isEmpty()) {
            return false;
        }
        HttpAdmission.admit(ex, gate, stream.get().name(), DASH, session -> archive.get().init(newest.get()).thenAccept(init -> {
            Optional<Track> track = trackOf(init, kind, trackId);
            if (track.isEmpty()) {
                ex.sendError(HttpResponseStatus.NOT_FOUND, "no track " + kind + trackId + " in stream " + name);
            } else {
                ex.sendBytes("video/mp4", CmafInitWriter.write(List.of(track.get())), "no-cache");
            }
        }).exceptionally(err -> unreadable(ex, name, "init", err)));
        return true;
    }

    private static Optional<Track> trackOf(InitSegment init, char kind, int trackId) {
        return init.track(trackId).filter(t -> t.isVideo() == (kind == 'v'));
    }
}
