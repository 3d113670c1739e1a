package io.cascade.tsout;

import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.http.StreamingReply;
import io.cascade.httpstream.StreamRequests;
import io.cascade.net.PeerText;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP MPEG-TS: {@code /NAME/mpegts} is the stream as one endless transport stream (chunked),
 * starting at the newest closed segment, so on a keyframe with PAT and PMT first. Protocol name
 * {@value #PROTOCOL}, as sessions know it.
 */
public final class MpegTsRoute implements Route {
    public static final String PROTOCOL = "tshttp";
    static final String CONTENT_TYPE = "video/mp2t";
    /** A live viewer this many segments behind the newest skips to it. */
    static final int MAX_LAG = 2;
    private static final Pattern PATH = Pattern.compile("^/(.+)/mpegts$");
    private static final Logger log = LoggerFactory.getLogger(MpegTsRoute.class);

    private final StreamRegistry registry;

    public MpegTsRoute(StreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean handle(HttpExchange ex) {
        Matcher m = PATH.matcher(ex.path());
        if (!m.matches()) {
            return false;
        }
        if (ex.method() != HttpMethod.GET && ex.method() != HttpMethod.HEAD) {
            ex.sendError(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD");
            return true;
        }
        Optional<LiveStream> found = StreamRequests.find(ex, registry, m.group(1));
        if (found.isEmpty()) {
            return true;
        }
        LiveStream stream = found.get();
        if (!admitted(ex, stream)) {
            return true;
        }
        StreamRequests.whenReady(ex, stream, e -> serve(e, stream,
                s -> new LiveSegments(s.store(), LiveSegments.NEWEST, MAX_LAG, StreamRequests.WORKERS)));
        return true;
    }

    /**
     * THE admission point of HTTP MPEG-TS viewers: every viewer passes here once, before anything
     * is sent, with its request (token in {@code ex.param("token")}, {@code ex.client()}, headers)
     * and its stream. An on_play / sessions check of protocol {@value #PROTOCOL} answers the
     * refusal itself (403) and returns false. Today every viewer is let in.
     */
    private boolean admitted(HttpExchange ex, LiveStream stream) {
        return true;
    }

    /**
     * Sends {@code stream} to the viewer of {@code ex} as one endless transport stream made from
     * the segments of the source {@code sources} opens for it (the live window, or a range of the
     * archive): public so that other routes of MPEG-TS over HTTP reuse it.
     */
    public static void serve(HttpExchange ex, LiveStream stream, Function<LiveStream, SegmentSource> sources) {
        StreamingReply reply = ex.startStreaming(CONTENT_TYPE);
        if (ex.method() == HttpMethod.HEAD) {
            return;
        }
        String client = ex.client();
        String what = "tshttp " + client + " " + PeerText.escape(stream.name());
        log.debug("{}: starts", what);
        new TsHttpViewer(what, ViewerConnection.of(reply), sources.apply(stream), () -> stream.request(client), StreamRequests.WORKERS).start();
    }
}
