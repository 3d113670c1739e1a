package io.cascade.dash;

import io.cascade.cmaf.CmafInitWriter;
import io.cascade.codec.CodecString;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.httpstream.StreamRequests;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Track;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DASH over HTTP, under {@code /NAME/}:
 * <ul>
 *   <li>{@code index.mpd}: the live manifest, one AdaptationSet per track;</li>
 *   <li>{@code init-v1.mp4}, {@code init-a2.mp4}: the init segment of one track (kind letter
 *       {@code v}/{@code a} + track id) of the current tracks;</li>
 *   <li>{@code seg-v1-N.m4s}: that track's frames of canonical segment N as one fragment;</li>
 *   <li>{@code seg-N.m4s}: canonical segment N as it is, all tracks muxed (kept for older clients,
 *       no longer listed; its init is HLS's {@code init.mp4}).</li>
 * </ul>
 */
public final class DashRoute implements Route {
    private static final String SEGMENT_CACHE = "max-age=3600";
    private static final Pattern PATH = Pattern.compile("^/(.+)/(?:(index\\.mpd)|seg-(\\d{1,19})\\.m4s"
            + "|init-([va])([1-9]\\d{0,8})\\.mp4|seg-([va])([1-9]\\d{0,8})-(\\d{1,19})\\.m4s)$");

    private final StreamRegistry registry;

    public DashRoute(StreamRegistry registry) {
        this.registry = registry;
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
        if (m.group(2) != null) {
            // Cutting tracks out of segments takes milliseconds the first time (the manifest sizes them all).
            StreamRequests.whenReady(ex, stream, e -> StreamRequests.offload(e, () -> manifest(e, stream)));
        } else if (m.group(3) != null) {
            muxedSegment(ex, stream, Long.parseLong(m.group(3)));
        } else if (m.group(4) != null) {
            init(ex, stream, representation(m.group(4), m.group(5)));
        } else {
            RepresentationId id = representation(m.group(6), m.group(7));
            long number = Long.parseLong(m.group(8));
            StreamRequests.offload(ex, () -> trackSegment(ex, stream, id, number));
        }
        return true;
    }

    private static RepresentationId representation(String kind, String trackId) {
        return new RepresentationId(kind.charAt(0), Integer.parseInt(trackId));
    }

    private static void manifest(HttpExchange ex, LiveStream stream) {
        SegmentStore store = stream.store();
        List<Segment> window = store.closedSegments();
        if (window.isEmpty()) {
            ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "stream " + stream.name() + " has no segment yet");
            return;
        }
        DashWindow w = new DashWindow(window, store.discontinuitiesBeforeWindow(), store.periodStartBeforeWindow());
        // Sizing every listed track segment makes them ahead of the players, which fetch them all anyway.
        DashStreamInfo info = new DashStreamInfo(CodecString::of, TrackSegments::size);
        ex.sendText("application/dash+xml", DashManifest.live(w, info, Instant.now(), Optional.empty()));
    }

    private static void init(HttpExchange ex, LiveStream stream, RepresentationId id) {
        Optional<Track> track = initTrack(stream.store(), id);
        if (track.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no track " + id + " in stream " + stream.name());
            return;
        }
        ex.sendBytes("video/mp4", CmafInitWriter.write(List.of(track.get())), "no-cache");
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

    private static void trackSegment(HttpExchange ex, LiveStream stream, RepresentationId id, long number) {
        Optional<Segment> segment = closedSegment(stream, number);
        Optional<Track> track = segment.flatMap(s -> trackOf(s.init(), id));
        Optional<byte[]> bytes = track.flatMap(t -> TrackSegments.of(segment.get(), t));
        if (bytes.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no segment " + number + " of track " + id
                    + " in stream " + stream.name());
            return;
        }
        stream.request(ex.client());
        ex.sendBytes("video/iso.segment", bytes.get(), SEGMENT_CACHE);
    }

    private static void muxedSegment(HttpExchange ex, LiveStream stream, long number) {
        Optional<Segment> s = closedSegment(stream, number);
        if (s.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no segment " + number + " in stream " + stream.name());
            return;
        }
        stream.request(ex.client());
        ex.sendBytes("video/iso.segment", s.get().bytes(), SEGMENT_CACHE);
    }

    private static Optional<Segment> closedSegment(LiveStream stream, long number) {
        return stream.store().byNumber(number).filter(Segment::isComplete);
    }
}
