package io.cascade.tsout;

import io.cascade.auth.PlayGate;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.http.StreamingReply;
import io.cascade.httpstream.HttpAdmission;
import io.cascade.httpstream.StreamRequests;
import io.cascade.net.PeerText;
import io.cascade.session.Session;
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
    private final PlayGate gate;

    /** @param gate lets viewers in (on_play, sessions, {@code protocols}) */
    public MpegTsRoute(StreamRegistry registry, PlayGate gate) {
        this.registry = registry;
        this.gate = gate;
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
        // One session for the connection: the gate answers a refusal (403) itself.
        HttpAdmission.admitConnection(ex, gate, stream.name(), PROTOCOL, session -> {
            Viewing viewing = new Viewing(gate, session);
            StreamRequests.whenReady(ex, stream, e -> serve(e, stream,
                    s -> new LiveSegments(s.store(), LiveSegments.NEWEST, MAX_LAG, StreamRequests.WORKERS),
                    viewing), viewing::end);
        });
        return true;
    }

    /**
     * The session a viewer's response plays for (one connection, one session, from
     * {@link HttpAdmission#admitConnection}): it counts the bytes, and a cut ends the response.
     */
    public record Viewing(PlayGate gate, Session session) {
        /**
         * Ends the session: its response is over or never came. Only this ends it, as a
         * connection's session is never ended for being idle.
         */
        public void end() {
            gate.closed(session);
        }
    }

    /**
     * Sends {@code stream} to the viewer of {@code ex} as one endless transport stream made from
     * the segments of the source {@code sources} opens for it (the live window, or a range of the
     * archive): public so that other routes of MPEG-TS over HTTP reuse it.
     */
    public static void serve(HttpExchange ex, LiveStream stream, Function<LiveStream, SegmentSource> sources,
                             Viewing viewing) {
        StreamingReply reply = ex.startStreaming(CONTENT_TYPE);
        // First: a HEAD's response (and connection) ends at once, and its session must end with it.
        reply.onClose(viewing::end);
        if (ex.method() == HttpMethod.HEAD) {
            return;
        }
        String client = ex.client();
        String what = "tshttp " + client + " " + PeerText.escape(stream.name());
        log.debug("{}: starts", what);
        Session session = viewing.session();
        ViewerConnection connection = ViewerConnection.counting(ViewerConnection.of(reply), session::sent);
        TsHttpViewer viewer = new TsHttpViewer(what, connection, sources.apply(stream), () -> stream.request(client),
                StreamRequests.WORKERS);
        session.onCut(viewer::close);
        viewer.start();
    }
}
