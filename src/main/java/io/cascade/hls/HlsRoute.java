package io.cascade.hls;

import io.cascade.auth.PlayGate;
import io.cascade.codec.CodecString;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.http.SharedBody;
import io.cascade.httpstream.HttpAdmission;
import io.cascade.httpstream.RepeatedWarnings;
import io.cascade.httpstream.StreamRequests;
import io.cascade.media.DerivedForm;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.session.Session;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HLS over HTTP: {@code /NAME/index.m3u8} (master), {@code mono.m3u8} / {@code video.m3u8}
 * (MPEG-TS media playlist), {@code index.fmp4.m3u8} (fMP4 master), {@code mono.fmp4.m3u8} (fMP4
 * media playlist), init segments and the time-named segments. A playlist that cannot be made from
 * what the stream holds answers 500 with a clear message and is logged once a minute, not per request.
 */
public final class HlsRoute implements Route {
    static final String M3U8 = "application/vnd.apple.mpegurl";
    private static final String SEGMENT_CACHE = "max-age=3600";
    /** A segment's TS form as a shared HTTP body, muxed off the event loop. */
    private static final DerivedForm<CompletableFuture<SharedBody>> HTTP_TS = DerivedForm.named("http-ts");
    /** A segment's canonical bytes as a shared HTTP body. */
    private static final DerivedForm<SharedBody> HTTP_FMP4 = DerivedForm.named("http-fmp4");
    private static final Pattern PATH = Pattern.compile(
            "^/(.+)/(index\\.m3u8|playlist\\.m3u8|mono\\.m3u8|video\\.m3u8|index\\.fmp4\\.m3u8|mono\\.fmp4\\.m3u8"
                    + "|init\\.mp4|init-(\\d{1,9})\\.mp4"
                    + "|\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}/\\d{2}-\\d{1,5}\\.(?:ts|m4s))$");

    private static final RepeatedWarnings warnings = new RepeatedWarnings(org.slf4j.LoggerFactory.getLogger(HlsRoute.class));

    /** The protocol name sessions and the authorization backend know HLS by. */
    public static final String PROTO = "hls";

    private final StreamRegistry registry;
    private final PlayGate gate;

    /** Every request is admitted by {@code gate} first (see {@link HttpAdmission}). */
    public HlsRoute(StreamRegistry registry, PlayGate gate) {
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
        String file = m.group(2);
        String initVersion = m.group(3);
        HttpAdmission.admit(ex, gate, stream.name(), PROTO, session -> answer(ex, stream, file, initVersion, session));
        return true;
    }

    private static void answer(HttpExchange ex, LiveStream stream, String file, String initVersion, Session session) {
        switch (file) {
            case "index.m3u8", "playlist.m3u8" -> StreamRequests.whenReady(ex, stream, e -> master(e, stream, SegmentFormat.TS, session));
            case "index.fmp4.m3u8" -> StreamRequests.whenReady(ex, stream, e -> master(e, stream, SegmentFormat.FMP4, session));
            case "mono.m3u8", "video.m3u8" -> StreamRequests.whenReady(ex, stream, e -> media(e, stream, SegmentFormat.TS, session));
            case "mono.fmp4.m3u8" -> StreamRequests.whenReady(ex, stream, e -> media(e, stream, SegmentFormat.FMP4, session));
            case "init.mp4" -> init(ex, stream.store().init(), session);
            default -> {
                if (initVersion != null) {
                    init(ex, initVersion(stream.store(), Integer.parseInt(initVersion)), session);
                } else {
                    segment(ex, stream, file, session);
                }
            }
        }
    }

    /** A playlist for this viewer: its URIs carry the session on, its size counts as sent. */
    private static void sendPlaylist(HttpExchange ex, LiveStream stream, String playlist, Session session) {
        String own = HttpAdmission.handOn(session, stream).map(q -> PlaylistQuery.append(playlist, q)).orElse(playlist);
        session.sent(own.length());
        ex.sendText(M3U8, own);
    }

    private static void master(HttpExchange ex, LiveStream stream, SegmentFormat format, Session session) {
        Optional<InitSegment> init = stream.store().init();
        if (init.isEmpty()) {
            ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "stream " + stream.name() + " has no tracks yet");
            return;
        }
        String playlist;
        try {
            playlist = HlsPlaylists.master(StreamPlaylistInfo.of(init.get(), codecs(init.get()), bandwidth(stream)), format);
        } catch (RuntimeException e) {
            cannotMake(ex, stream, "master playlist", e);
            return;
        }
        sendPlaylist(ex, stream, playlist, session);
    }

    private static void cannotMake(HttpExchange ex, LiveStream stream, String what, RuntimeException e) {
        warnings.warn(stream.name() + " " + what, "stream " + stream.name() + ": no " + what, e);
        ex.sendError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the " + what + " of stream " + stream.name()
                + " cannot be made");
    }

    private static void media(HttpExchange ex, LiveStream stream, SegmentFormat format, Session session) {
        SegmentStore store = stream.store();
        List<Segment> window = store.closedSegments();
        if (window.isEmpty()) {
            ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "stream " + stream.name() + " has no segment yet");
            return;
        }
        String playlist;
        try {
            playlist = HlsPlaylists.media(window, store.discontinuitiesBeforeWindow(), format, false,
                    stream.target(), init -> "init-" + init.version() + ".mp4");
        } catch (RuntimeException e) {
            cannotMake(ex, stream, "media playlist", e);
            return;
        }
        sendPlaylist(ex, stream, playlist, session);
    }

    private static void init(HttpExchange ex, Optional<InitSegment> init, Session session) {
        if (init.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no such init segment");
        } else {
            session.sent(init.get().bytes().length);
            ex.sendBytes("video/mp4", init.get().bytes(), "no-cache");
        }
    }

    private static Optional<InitSegment> initVersion(SegmentStore store, int version) {
        Optional<InitSegment> current = store.init().filter(i -> i.version() == version);
        if (current.isPresent()) {
            return current;
        }
        return store.closedSegments().stream().map(Segment::init).filter(i -> i.version() == version).findFirst();
    }

    private static void segment(HttpExchange ex, LiveStream stream, String file, Session session) {
        Optional<SegmentName> name = SegmentNames.parse(file);
        Optional<Segment> segment = name.flatMap(n -> stream.store().closedSegments().stream()
                .filter(n::names).findFirst());
        if (segment.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no segment " + file + " in stream " + stream.name());
            return;
        }
        stream.request(ex.client());
        Segment s = segment.get();
        if (name.get().format() == SegmentFormat.TS) {
            // Muxing a segment takes milliseconds: done once, off the event loop, then shared.
            CompletableFuture<SharedBody> ts = s.derived(HTTP_TS,
                    seg -> CompletableFuture.supplyAsync(() -> SharedBody.of(TsSegments.of(seg)), StreamRequests.WORKERS));
            ts.whenComplete((body, err) -> {
                if (err != null) {
                    warnings.warn(stream.name() + " ts " + s.number(), "stream " + stream.name() + ": segment "
                            + s.number() + " has no TS form", err);
                    ex.sendError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "segment cannot be served");
                } else {
                    session.sent(body.size());
                    ex.sendShared(SegmentFormat.TS.contentType(), body, SEGMENT_CACHE);
                }
            });
        } else {
            session.sent(s.bytes().length);
            ex.sendShared(SegmentFormat.FMP4.contentType(), s.derived(HTTP_FMP4, seg -> SharedBody.of(seg.bytes())), SEGMENT_CACHE);
        }
    }

    static String codecs(InitSegment init) {
        return init.tracks().stream().map(CodecString::of).collect(Collectors.joining(","));
    }

    /** A bandwidth for the master playlist: the measured rate with headroom, never zero. */
    static long bandwidth(LiveStream stream) {
        return Math.max(64_000, stream.bitrate() * 5 / 4);
    }
}
