package io.cascade.rtsp;

import io.cascade.net.WrittenBytes;
import io.cascade.net.PeerText;
import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtpFormatException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One RTSP connection of the server: OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN and
 * GET_PARAMETER (RFC 2326 10), one session per connection. Requests are answered in order; while
 * the media of a DESCRIBE or SETUP is being looked up (asynchronously) later requests wait.
 *
 * <p>A well-formed request the server cannot honour gets its status (404, 454, 455, 461, 501 …)
 * and the connection stays; bytes that are no RTSP, bounds exceeded, interleaved data on channels
 * the session did not set up, or {@value #MAX_ERRORS} error answers in a row end the connection.
 */
final class RtspServerSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RtspServerSession.class);
    static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER";
    static final int MAX_ERRORS = 10;
    private static final int MAX_QUEUED = 8;
    /** What peers get wrong is logged, but at most every few seconds: a peer must not flood the log. */
    private static final io.cascade.net.RateLimitedLog refusals = new io.cascade.net.RateLimitedLog(log, 5_000);

    private final RtspHooks hooks;
    private final RtspLimits limits;
    private final RtpUdpEndpoint udp;
    private final ArrayDeque<RtspRequest> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private boolean busy;
    private boolean anyRequest;
    private int errorsInARow;
    private long lastActivity = System.nanoTime();
    private final long connectedAt = System.nanoTime();

    /** The media of this connection and the stream/query it was opened for. */
    private RtspMedia media;
    private String mediaKey;
    /** The session, once SETUP made one. */
    private RtspSession session;

    RtspServerSession(RtspHooks hooks, RtspLimits limits, RtpUdpEndpoint udp) {
        this.hooks = hooks;
        this.limits = limits;
        this.udp = udp;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        timer = ctx.executor().scheduleAtFixedRate(this::checkTimeouts, 1, 1, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        endSession();
        releaseMedia();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("RTSP {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case RtspDecodeError e -> {
                    refusals.info("RTSP " + ctx.channel().remoteAddress() + ": " + e.status() + " (" + e.reason()
                            + "), closing");
                    respond(e.status(), new RtspHeaders(), null).addListener(ChannelFutureListener.CLOSE);
                }
                case InterleavedFrame f -> interleaved(f);
                case RtspRequest r -> {
                    lastActivity = System.nanoTime();
                    anyRequest = true;
                    if (busy) {
                        if (queued.size() == MAX_QUEUED) {
                            note("RTSP {}: more than {} requests waiting, closing", ctx.channel().remoteAddress(), MAX_QUEUED);
                            ctx.close();
                            return;
                        }
                        queued.add(r);
                    } else {
                        handle(r);
                    }
                }
                case RtspResponse r -> { /* answers to nothing this server asked: ignored */ }
                default -> ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void interleaved(InterleavedFrame f) {
        int ch = f.channel();
        if (session == null || !session.isRtcpChannel(ch)) {
            note("RTSP {}: interleaved data on channel {}, which this connection did not set up: closing",
                    ctx.channel().remoteAddress(), ch);
            ctx.close();
            return;
        }
        try {
            RtcpPacket.readCompound(f.content());
            lastActivity = System.nanoTime();
        } catch (RtpFormatException e) {
            note("RTSP {}: interleaved channel {} carries no RTCP ({}): closing", ctx.channel().remoteAddress(), ch,
                    e.getMessage());
            ctx.close();
        }
    }

    private void checkTimeouts() {
        long now = System.nanoTime();
        if (!anyRequest && now - connectedAt > limits.firstRequest().toNanos()) {
            note("RTSP {}: no request within {} s, closing", ctx.channel().remoteAddress(), limits.firstRequest().toSeconds());
            ctx.close();
            return;
        }
        // a TCP viewer that plays is alive while its connection is (and reads, see the fanout's lag bound)
        boolean tcpPlaying = session != null && session.tcp() && session.playing();
        if (!tcpPlaying && now - lastActivity > limits.sessionTimeout().toNanos()) {
            note("RTSP {}: silent for {} s, session timed out", ctx.channel().remoteAddress(),
                    limits.sessionTimeout().toSeconds());
            ctx.close();
        }
    }

    private void next() {
        busy = false;
        while (!busy && !queued.isEmpty() && ctx.channel().isActive()) {
            handle(queued.poll());
        }
    }

    private void handle(RtspRequest r) {
        if (r.cseq().isEmpty()) {
            respond(r, RtspStatus.BAD_REQUEST, new RtspHeaders(), null).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        switch (r.method()) {
            case "OPTIONS" -> ok(r, new RtspHeaders().add("Public", PUBLIC), null);
            case "DESCRIBE" -> describe(r);
            case "SETUP" -> setup(r);
            case "PLAY" -> play(r);
            case "PAUSE" -> pause(r);
            case "TEARDOWN" -> teardown(r);
            case "GET_PARAMETER" -> withSession(r, s -> ok(r, new RtspHeaders(), null), true);
            default -> fail(r, RtspStatus.NOT_IMPLEMENTED, "unknown method");
        }
    }

    private void describe(RtspRequest r) {
        Optional<RtspTarget> target = RtspTarget.parse(r.uri());
        if (target.isEmpty() || target.get().control().isPresent()) {
            fail(r, RtspStatus.NOT_FOUND, "no stream at this URL");
            return;
        }
        withMedia(r, target.get(), m -> {
            String address = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
            byte[] sdp = m.description(address).text().getBytes(StandardCharsets.UTF_8);
            String base = r.uri().endsWith("/") ? r.uri() : r.uri() + "/";
            ok(r, new RtspHeaders().add("Content-Base", base).add("Content-Type", "application/sdp"), sdp);
        });
    }

    /** Runs {@code then} with the media of {@code target}, opening it first unless this connection has it. */
    private void withMedia(RtspRequest r, RtspTarget target, java.util.function.Consumer<RtspMedia> then) {
        String key = target.stream() + "?" + target.query();
        if (media != null && key.equals(mediaKey)) {
            then.accept(media);
            return;
        }
        if (session != null) {
            fail(r, RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED, "the session plays another stream");
            return;
        }
        busy = true;
        String ip = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        io.netty.channel.Channel channel = ctx.channel();
        WrittenBytes written = channel.pipeline().get(WrittenBytes.class);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        RtspViewer viewer = new RtspViewer(target, r.uri(), ip, r.headers().get("User-Agent").orElse(""),
                () -> channel.close(), () -> written == null ? 0 : written.total(), closed);
        CompletableFuture<RtspMedia> opened;
        try {
            opened = hooks.open(viewer);
        } catch (RuntimeException e) {
            opened = CompletableFuture.failedFuture(e);
        }
        opened.whenComplete((m, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof RtspRefusal refusal) {
                    fail(r, refusal.status(), refusal.getMessage());
                } else {
                    log.warn("RTSP {}: opening {} failed: {}", ctx.channel().remoteAddress(), PeerText.escape(target.stream()),
                            cause.toString());
                    fail(r, RtspStatus.INTERNAL_SERVER_ERROR, "internal error");
                }
            } else if (!ctx.channel().isActive()) {
                m.release();
            } else {
                releaseMedia();
                media = m;
                mediaKey = key;
                then.accept(m);
            }
            next();
        }));
    }

    private void setup(RtspRequest r) {
        Optional<RtspTarget> target = RtspTarget.parse(r.uri());
        if (target.isEmpty()) {
            fail(r, RtspStatus.NOT_FOUND, "no stream at this URL");
            return;
        }
        Optional<String> sessionId = sessionId(r);
        if (sessionId.isPresent() && (session == null || !session.id().equals(sessionId.get()))) {
            fail(r, RtspStatus.SESSION_NOT_FOUND, "unknown session");
            return;
        }
        Optional<TransportSpec> transport = TransportSpec.choose(r.headers().get("Transport").orElse(""));
        if (transport.isEmpty() || (!transport.get().tcp() && udp == null)) {
            fail(r, RtspStatus.UNSUPPORTED_TRANSPORT, "no supported transport offered");
            return;
        }
        withMedia(r, target.get(), m -> setupTrack(r, m, target.get(), transport.get()));
    }

    private void setupTrack(RtspRequest r, RtspMedia m, RtspTarget target, TransportSpec t) {
        int track = target.control().map(c -> m.controls().indexOf(c)).orElse(m.controls().size() == 1 ? 0 : -2);
        if (track == -2) {
            fail(r, RtspStatus.AGGREGATE_OPERATION_NOT_ALLOWED, "SETUP names no track");
            return;
        }
        if (track < 0) {
            fail(r, RtspStatus.NOT_FOUND, "no such track");
            return;
        }
        if (session != null && session.playing()) {
            fail(r, RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "SETUP while playing");
            return;
        }
        if (session != null && session.tcp() != t.tcp()) {
            fail(r, RtspStatus.UNSUPPORTED_TRANSPORT, "one session, one transport");
            return;
        }
        RtspSession s = session != null ? session : new RtspSession(t.tcp(), m.controls().size());
        int first = t.first() >= 0 ? t.first() : 2 * track;
        if (t.tcp() && !s.channelsFree(track, first)) {
            fail(r, RtspStatus.BAD_REQUEST, "interleaved channels " + first + "-" + (first + 1) + " taken");
            return;
        }
        s.setUp(track, first);
        session = s;
        String reply;
        if (t.tcp()) {
            reply = "RTP/AVP/TCP;unicast;interleaved=" + first + "-" + (first + 1);
        } else {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            udp.listen(new InetSocketAddress(peer.getAddress(), first + 1), () -> ctx.executor().execute(
                    () -> lastActivity = System.nanoTime()));
            reply = "RTP/AVP;unicast;client_port=" + first + "-" + (first + 1) + ";server_port=" + udp.rtpPort() + "-"
                    + (udp.rtpPort() + 1);
        }
        ok(r, new RtspHeaders().add("Transport", reply).add("Session", sessionHeader()), null);
    }

    private String sessionHeader() {
        return session.header(limits.sessionTimeout());
    }

    private void play(RtspRequest r) {
        withSession(r, s -> {
            if (!s.anySetUp()) {
                fail(r, RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "PLAY before SETUP");
                return;
            }
            RtspHeaders headers = new RtspHeaders().add("Session", sessionHeader()).add("Range", "npt=now-");
            if (s.playing()) {
                ok(r, headers, null);
                return;
            }
            RtspPlayback playback = media.play(s.sink(ctx.channel(), udp), s.tracks());
            s.playing(playback);
            String info = rtpInfo(r, playback.rtpInfo());
            if (!info.isEmpty()) {
                headers.add("RTP-Info", info);
            }
            ok(r, headers, null);
            playback.start();
        }, false);
    }

    private String rtpInfo(RtspRequest r, Map<Integer, long[]> starts) {
        String base = r.uri().endsWith("/") ? r.uri() : r.uri() + "/";
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, long[]> e : new TreeMap<>(starts).entrySet()) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append("url=").append(base).append(media.controls().get(e.getKey())).append(";seq=").append(e.getValue()[0])
                    .append(";rtptime=").append(e.getValue()[1]);
        }
        return b.toString();
    }

    private void pause(RtspRequest r) {
        withSession(r, s -> {
            if (!s.anySetUp()) {
                fail(r, RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, "PAUSE before SETUP");
                return;
            }
            s.pause();
            ok(r, new RtspHeaders().add("Session", sessionHeader()), null);
        }, false);
    }

    private void teardown(RtspRequest r) {
        withSession(r, s -> {
            endSession();
            ok(r, new RtspHeaders(), null);
        }, false);
    }

    /**
     * Runs {@code then} with the session the request names. A request without Session header:
     * 455 when no session exists (PLAY before SETUP), unless {@code optional} (GET_PARAMETER as a ping).
     */
    private void withSession(RtspRequest r, java.util.function.Consumer<RtspSession> then, boolean optional) {
        Optional<String> id = sessionId(r);
        if (id.isEmpty()) {
            if (optional) {
                ok(r, new RtspHeaders(), null);
            } else if (session == null) {
                fail(r, RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE, r.method() + " before SETUP");
            } else {
                fail(r, RtspStatus.SESSION_NOT_FOUND, "no Session header");
            }
            return;
        }
        if (session == null || !session.id().equals(id.get())) {
            fail(r, RtspStatus.SESSION_NOT_FOUND, "unknown session");
            return;
        }
        then.accept(session);
    }

    private static Optional<String> sessionId(RtspRequest r) {
        return r.headers().get("Session").map(v -> v.split(";", 2)[0].trim()).filter(v -> !v.isEmpty());
    }

    private void endSession() {
        if (session == null) {
            return;
        }
        session.pause();
        if (udp != null && ctx.channel().remoteAddress() instanceof InetSocketAddress peer) {
            session.forEachClientRtcp(peer, udp::forget);
        }
        session = null;
    }

    private void releaseMedia() {
        if (media != null) {
            media.release();
            media = null;
            mediaKey = null;
        }
    }

    private void ok(RtspRequest r, RtspHeaders headers, byte[] body) {
        errorsInARow = 0;
        respond(r, RtspStatus.OK, headers, body);
    }

    private void fail(RtspRequest r, int status, String why) {
        refusals.info("RTSP " + ctx.channel().remoteAddress() + ": " + PeerText.escape(r.method()) + " "
                + PeerText.escape(r.uri()) + " → " + status + " (" + PeerText.escape(why) + ")");
        RtspHeaders headers = new RtspHeaders();
        if (status == RtspStatus.NOT_IMPLEMENTED) {
            headers.add("Public", PUBLIC);
        }
        io.netty.channel.ChannelFuture f = respond(r, status, headers, null);
        if (++errorsInARow >= MAX_ERRORS) {
            note("RTSP {}: {} errors in a row, closing", ctx.channel().remoteAddress(), errorsInARow);
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A line about what a peer did, rate-limited across connections. */
    private static void note(String format, Object... args) {
        refusals.info(org.slf4j.helpers.MessageFormatter.arrayFormat(format, args).getMessage());
    }

    private io.netty.channel.ChannelFuture respond(RtspRequest r, int status, RtspHeaders headers, byte[] body) {
        RtspHeaders out = new RtspHeaders();
        r.cseq().ifPresent(c -> out.add("CSeq", c));
        return respond(status, merge(out, headers), body);
    }

    private io.netty.channel.ChannelFuture respond(int status, RtspHeaders headers, byte[] body) {
        headers.add("Server", "Cascade").add("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        return ctx.writeAndFlush(new RtspResponse(status, headers, body == null ? new byte[0] : body));
    }

    private static RtspHeaders merge(RtspHeaders first, RtspHeaders then) {
        for (String[] f : then.fields()) {
            first.add(f[0], f[1]);
        }
        return first;
    }
}
