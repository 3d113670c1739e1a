package io.cascade.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.net.PeerText;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source side of M4F v2 on the HTTP port: {@code /cascade/m4f/v2/challenge} (what a request
 * must answer), {@code /cascade/m4f/v2/streams} (the stream list, pushed) and
 * {@code /cascade/m4f/v2/streams/NAME?from=N} (a stream's segments, pushed). Every stream request
 * must prove the cluster key; a server without one refuses them all. Requests for v1 are refused
 * with a reason both sides log.
 */
public final class M4fRoute implements Route {
    static final int PROTOCOL_VERSION = 2;
    private static final String ROOT = "/cascade/m4f/";
    public static final String PREFIX = ROOT + "v" + PROTOCOL_VERSION + "/streams";
    public static final String CHALLENGE = ROOT + "v" + PROTOCOL_VERSION + "/challenge";
    /** Archive requests: {@code ARCHIVE/NAME?segment=N}, {@code ?init=V}, {@code ?from=T&to=T}. */
    public static final String ARCHIVE = ROOT + "v" + PROTOCOL_VERSION + "/archive";
    /** Session reports, POSTed by the tier below. */
    public static final String SESSIONS = ROOT + "v" + PROTOCOL_VERSION + "/sessions";
    static final String CONTENT_TYPE = "application/x-m4f";
    private static final Logger log = LoggerFactory.getLogger(M4fRoute.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamRegistry registry;
    private final Optional<ClusterAuth> auth;
    private final StreamListFeed feed;
    private final ArchiveAnswers archives;
    private final Optional<ReportedSessions> reports;

    public M4fRoute(StreamRegistry registry, Optional<ClusterAuth> auth, StreamListFeed feed) {
        this(registry, auth, feed, ArchiveCatalog.NONE, Optional.empty());
    }

    /**
     * @param archives the archives this server answers peers from (its own, or reached through the cluster)
     * @param reports  where session reports of the tier below go; empty: they are refused (404)
     */
    public M4fRoute(StreamRegistry registry, Optional<ClusterAuth> auth, StreamListFeed feed, ArchiveCatalog archives,
                    Optional<ReportedSessions> reports) {
        this.registry = registry;
        this.auth = auth;
        this.feed = feed;
        this.archives = new ArchiveAnswers(archives);
        this.reports = reports;
    }

    /** Archive and session requests from peers are POSTs. */
    @Override
    public boolean takesWrites() {
        return true;
    }

    @Override
    public boolean handle(HttpExchange ex) throws Exception {
        String path = ex.path();
        if (!path.startsWith(ROOT)) {
            return false;
        }
        if (path.equals(CHALLENGE)) {
            challenge(ex);
            return true;
        }
        boolean archive = path.startsWith(ARCHIVE + "/") && path.length() > ARCHIVE.length() + 1;
        boolean sessions = path.equals(SESSIONS);
        if (!archive && !sessions && !path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            refuseOtherVersion(ex, path);
            return true;
        }
        Optional<byte[]> sessionKey = authorized(ex);
        if (sessionKey.isEmpty()) {
            return true;
        }
        M4fEncoder encoder = new M4fEncoder(sessionKey.get());
        if (archive) {
            String name = path.substring(ARCHIVE.length() + 1);
            archives.answer(ex, name, encoder, hello(Map.of("stream", name)));
            return true;
        }
        if (sessions) {
            sessionReport(ex, encoder);
            return true;
        }
        if (path.equals(PREFIX)) {
            feed.subscribe(ex.startStreaming(CONTENT_TYPE), encoder, hello(Map.of()));
            return true;
        }
        String name = path.substring(PREFIX.length() + 1);
        Optional<LiveStream> found = registry.find(name);
        if (found.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no such stream");
            return true;
        }
        long from;
        try {
            from = Long.parseLong(ex.param("from").orElse("-1"));
        } catch (NumberFormatException e) {
            ex.sendError(HttpResponseStatus.BAD_REQUEST, "bad from");
            return true;
        }
        LiveStream stream = found.get();
        String peer = ex.client();
        stream.request(peer);
        log.info("M4F: {} pulls {} from segment {}", peer, PeerText.escape(name), from);
        // An archive may read its ranges from disk: the hello is made off the event loop.
        Thread.ofVirtual().name("m4f-pull").start(() -> {
            Map<String, Object> fields = new HashMap<>();
            fields.put("stream", name);
            fields.put("static", stream.isStatic());
            // "dvr": the recorded ranges at connect (archive requests give the current ones), null without an archive
            fields.put("dvr", archives.helloField(name));
            fields.put("target_duration", stream.target().targetSeconds());
            try {
                new SegmentPush(name, peer, stream.store(), ex.startStreaming(CONTENT_TYPE), encoder, from,
                        () -> stream.request(peer)).start(hello(fields));
            } catch (Exception e) {
                ex.sendError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
            }
        });
        return true;
    }

    /** A POSTed session report: exactly one {@code V} under the request's upload key; answered with hello and {@code K}. */
    private void sessionReport(HttpExchange ex, M4fEncoder encoder) throws Exception {
        if (reports.isEmpty() || ex.method() != io.netty.handler.codec.http.HttpMethod.POST) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "no session reports here");
            return;
        }
        byte[] key = auth.orElseThrow().uploadKey(ex.header(ClusterAuth.CHALLENGE_HEADER), ex.header(ClusterAuth.NONCE_HEADER));
        M4fDecoder in = new M4fDecoder(new java.io.ByteArrayInputStream(ex.body()), key);
        SessionReport report;
        try {
            report = SessionReport.of(in.next());
            try {
                in.next();
                throw new M4fProtocolException("more than one message in a session report");
            } catch (java.io.EOFException end) {
                // exactly one, as it must be
            }
        } catch (java.io.IOException e) {
            log.warn("session report from {} refused: {}", ex.client(), PeerText.escape(String.valueOf(e.getMessage())));
            ex.sendError(HttpResponseStatus.BAD_REQUEST, "bad session report");
            return;
        }
        M4fMessage hello = hello(Map.of());
        // The sink is the session registry: it runs off the event loop.
        Thread.ofVirtual().name("m4f-sessions").start(() -> {
            ReportAnswer answer = reports.get().apply(report);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(encoder.encode(hello)));
            out.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(encoder.encode(answer.toMessage())));
            ex.sendBytes(CONTENT_TYPE, out.toByteArray(), "no-store");
        });
    }

    private static M4fMessage hello(Map<String, Object> fields) throws Exception {
        Map<String, Object> all = new HashMap<>(fields);
        all.put("version", PROTOCOL_VERSION);
        return M4fMessage.hello(JSON.writeValueAsString(all));
    }

    private void challenge(HttpExchange ex) {
        if (auth.isEmpty()) {
            refuse(ex, "this server has no cluster_key");
            return;
        }
        ex.sendText("text/plain; charset=utf-8", auth.get().challenge());
    }

    private void refuseOtherVersion(HttpExchange ex, String path) {
        String why = path.startsWith(ROOT + "v1/")
                ? "it speaks M4F v1; this server speaks only v" + PROTOCOL_VERSION + ", upgrade the peer"
                : "no such M4F path";
        log.warn("cluster request from {} for {} refused: {}", ex.client(), PeerText.escape(path), why);
        ex.sendError(path.startsWith(ROOT + "v1/") ? HttpResponseStatus.UPGRADE_REQUIRED : HttpResponseStatus.NOT_FOUND,
                "refused: " + why);
    }

    /** The session key of the response when the request proves the key; else refuses it. */
    private Optional<byte[]> authorized(HttpExchange ex) {
        if (auth.isEmpty()) {
            refuse(ex, "this server has no cluster_key");
            return Optional.empty();
        }
        Map<String, String> headers = new HashMap<>();
        for (String h : ClusterAuth.HEADERS) {
            String v = ex.header(h);
            if (v != null) {
                headers.put(h, v);
            }
        }
        Optional<String> refusal = auth.get().verify(ex.method().name(), ex.uri(), headers);
        if (refusal.isPresent()) {
            refuse(ex, refusal.get());
            return Optional.empty();
        }
        return Optional.of(auth.get().sessionKey(headers.get(ClusterAuth.CHALLENGE_HEADER),
                headers.get(ClusterAuth.NONCE_HEADER)));
    }

    /** Logs why, and tells the caller only that it was refused: the reason would help an attacker. */
    private static void refuse(HttpExchange ex, String why) {
        log.warn("cluster request from {} refused: {}", ex.client(), why);
        ex.sendError(HttpResponseStatus.FORBIDDEN, "cluster request refused");
    }
}
