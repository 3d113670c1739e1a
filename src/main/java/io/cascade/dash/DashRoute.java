package io.cascade.dash;

import io.cascade.codec.CodecString;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.http.StreamRequests;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** DASH over HTTP: {@code /NAME/index.mpd} and its {@code seg-N.m4s} segments (init is HLS's {@code init.mp4}). */
public final class DashRoute implements Route {
    private static final Pattern PATH = Pattern.compile("^/(.+)/(index\\.mpd|seg-(\\d{1,19})\\.m4s)$");

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
        Optional<LiveStream> found = registry.find(m.group(1));
        if (found.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no stream " + m.group(1));
            return true;
        }
        LiveStream stream = found.get();
        if (m.group(3) == null) {
            StreamRequests.whenReady(ex, stream, e -> manifest(e, stream));
        } else {
            segment(ex, stream, Long.parseLong(m.group(3)));
        }
        return true;
    }

    private static void manifest(HttpExchange ex, LiveStream stream) {
        SegmentStore store = stream.store();
        List<Segment> window = store.closedSegments();
        if (window.isEmpty()) {
            ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "stream " + stream.name() + " has no segment yet");
            return;
        }
        DashWindow w = new DashWindow(window, store.discontinuitiesBeforeWindow(), store.periodStartBeforeWindow());
        DashStreamInfo info = new DashStreamInfo(DashRoute::codecs, Math.max(64_000, stream.bitrate() * 5 / 4));
        ex.sendText("application/dash+xml", DashManifest.live(w, info, Instant.now(), Optional.empty()));
    }

    private static void segment(HttpExchange ex, LiveStream stream, long number) {
        Optional<Segment> s = stream.store().byNumber(number).filter(Segment::isComplete);
        if (s.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no segment " + number + " in stream " + stream.name());
            return;
        }
        stream.request(ex.client());
        ex.sendBytes("video/iso.segment", s.get().bytes(), "max-age=3600");
    }

    private static String codecs(InitSegment init) {
        return init.tracks().stream().map(CodecString::of).collect(Collectors.joining(","));
    }
}
