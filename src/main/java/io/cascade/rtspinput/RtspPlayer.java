package io.cascade.rtspinput;

import io.cascade.codec.CodecFormatException;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.net.PeerText;
import io.cascade.rtmpstream.MediaQueue;
import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtcpReceiverReport;
import io.cascade.rtp.RtpFormatException;
import io.cascade.rtp.RtpPacket;
import io.cascade.rtp.SdpMedia;
import io.cascade.rtp.SdpReader;
import io.cascade.rtp.SdpSession;
import io.cascade.rtsp.InterleavedFrame;
import io.cascade.rtsp.RtspClientConnection;
import io.cascade.rtsp.RtspCredentials;
import io.cascade.rtsp.RtspHeaders;
import io.cascade.rtsp.RtspLimits;
import io.cascade.rtsp.RtspResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One RTSP play session against a server: OPTIONS, DESCRIBE, SETUP of each track Cascade can
 * carry, PLAY; then keep-alive requests within the session timeout, receiver reports, and
 * TEARDOWN when it ends. The protocol steps run on the input's thread and wait for their answer;
 * media arrives on the connection's event loop and goes to a {@link MediaQueue}.
 */
final class RtspPlayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtspPlayer.class);
    /** A client's own bounds: DESCRIBE answers may carry larger SDPs than a server takes as requests. */
    static final RtspLimits LIMITS = new RtspLimits(16384, 64, SdpReader.MAX_BYTES, Duration.ofSeconds(60),
            Duration.ofSeconds(10), 1, Duration.ZERO);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);
    static final Duration NO_MEDIA_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_SESSION_ID = 256;

    private final RtspPullUrl url;
    private final boolean udp;
    private final EventLoopGroup group;
    private final MediaQueue queue;
    private final InputClock clock = new InputClock();
    private final long ownSsrc = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
    private final List<TrackReceiver> receivers = new ArrayList<>();
    private final List<UdpPair> udpPairs = new ArrayList<>();
    private RtspClientConnection connection;
    private RtspCredentials.Challenge challenge;
    private int nonceCount;
    private final String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private String session;
    private String sessionUri;
    private boolean getParameter;
    private List<Track> announced;
    private boolean videoStarted;
    private volatile String failure;

    RtspPlayer(RtspPullUrl url, boolean udp, EventLoopGroup group, MediaQueue queue) {
        this.url = url;
        this.udp = udp;
        this.group = group;
        this.queue = queue;
    }

    /** Connects and plays; returns once PLAY is answered. */
    void start() throws IOException, InterruptedException {
        connection = await(RtspClientConnection.connect(group, url.host(), url.port(), LIMITS, REQUEST_TIMEOUT,
                this::onInterleaved), "connect");
        connection.channel().closeFuture().addListener(f -> {
            if (failure == null) {
                failure = connection.failure() != null ? connection.failure() : "the RTSP server closed the connection";
            }
            queue.onClose();
        });
        RtspResponse options = request("OPTIONS", url.requestUri(), new RtspHeaders(), false);
        getParameter = options.status() == 200 && options.headers().get("Public").orElse("").contains("GET_PARAMETER");
        RtspResponse describe = request("DESCRIBE", url.requestUri(), new RtspHeaders().add("Accept", "application/sdp"), true);
        String base = describe.headers().get("Content-Base").or(() -> describe.headers().get("Content-Location"))
                .orElse(url.requestUri());
        SdpSession sdp;
        try {
            sdp = SdpReader.read(new String(describe.body(), StandardCharsets.UTF_8));
            chooseTracks(sdp);
        } catch (RtpFormatException e) {
            throw new IOException("unusable SDP from " + url + ": " + e.getMessage());
        }
        for (int i = 0; i < receivers.size(); i++) {
            setup(i, ControlUrl.resolve(base, receivers.get(i).media().control()));
        }
        sessionUri = ControlUrl.resolve(base, sdp.control());
        request("PLAY", sessionUri, sessionHeaders().add("Range", "npt=0.000-"), true);
        scheduleTimers();
        log.info("RTSP pull {}: playing {} over {}", url,
                receivers.stream().map(r -> PeerText.escape(r.media().encoding())).toList(), udp ? "UDP" : "TCP");
    }

    private void chooseTracks(SdpSession sdp) throws RtpFormatException, IOException {
        boolean video = false;
        boolean audio = false;
        for (SdpMedia m : sdp.media()) {
            boolean isVideo = m.kind().equals("video");
            if ((isVideo && video) || (!isVideo && audio) || !(isVideo || m.kind().equals("audio"))) {
                continue;
            }
            Optional<TrackReceiver> r = TrackReceiver.of(isVideo ? 1 : 2, m);
            if (r.isPresent()) {
                receivers.add(r.get());
                video |= isVideo;
                audio |= !isVideo;
            } else {
                log.info("RTSP pull {}: {} track in {} skipped (not H.264, H.265 or AAC)", url, m.kind(),
                        PeerText.escape(m.encoding()));
            }
        }
        if (receivers.isEmpty()) {
            throw new IOException("no H.264, H.265 or AAC track in the SDP of " + url);
        }
    }

    private void setup(int index, String controlUri) throws IOException, InterruptedException {
        String transport;
        UdpPair pair = null;
        if (udp) {
            pair = UdpPair.bind(group, connection.channel().remoteAddress(), index, this::onUdp);
            udpPairs.add(pair);
            transport = "RTP/AVP;unicast;client_port=" + pair.rtpPort() + "-" + (pair.rtpPort() + 1);
        } else {
            transport = "RTP/AVP/TCP;unicast;interleaved=" + 2 * index + "-" + (2 * index + 1);
        }
        RtspResponse r = request("SETUP", controlUri, sessionHeaders().add("Transport", transport), true);
        if (session == null) {
            String s = r.headers().get("Session").orElseThrow(() -> new IOException("SETUP answered without a Session"));
            String id = s.split(";")[0].trim();
            if (id.isEmpty() || id.length() > MAX_SESSION_ID) {
                throw new IOException("RTSP session id empty or too long");
            }
            session = id;
            keepAliveSeconds = sessionTimeout(s);
        }
        String answered = r.headers().get("Transport").orElse("");
        if (pair != null) {
            pair.serverPorts(ports(answered, "server_port"));
        } else {
            int[] channels = ports(answered, "interleaved");
            if (channels != null && channels[0] != 2 * index) {
                throw new IOException("RTSP server moved track " + index + " to interleaved channel " + channels[0]);
            }
        }
    }

    private int keepAliveSeconds = 60;

    private static int sessionTimeout(String sessionHeader) {
        for (String p : sessionHeader.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(java.util.Locale.ROOT).startsWith("timeout=")) {
                String v = t.substring(8).trim();
                if (!v.isEmpty() && v.length() <= 5 && v.chars().allMatch(Character::isDigit)) {
                    return Math.max(2, Integer.parseInt(v));
                }
            }
        }
        return 60;
    }

    /** {@code key=a-b} of a Transport header, null when absent or malformed. */
    static int[] ports(String transport, String key) {
        for (String p : transport.split(";")) {
            String t = p.trim();
            if (t.startsWith(key + "=")) {
                String[] ab = t.substring(key.length() + 1).split("-");
                try {
                    int a = Integer.parseInt(ab[0].trim());
                    int b = ab.length > 1 ? Integer.parseInt(ab[1].trim()) : a + 1;
                    return a >= 0 && a <= 65535 && b >= 0 && b <= 65535 ? new int[]{a, b} : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private RtspHeaders sessionHeaders() {
        RtspHeaders h = new RtspHeaders();
        if (session != null) {
            h.add("Session", session);
        }
        return h;
    }

    /** Sends a request, answering one authentication challenge; {@code mustSucceed} turns a non-2xx answer into a failure. */
    private RtspResponse request(String method, String uri, RtspHeaders headers, boolean mustSucceed)
            throws IOException, InterruptedException {
        RtspResponse r = await(connection.send(method, uri, authorized(headers, method, uri)), method);
        if (r.status() == 401 && url.credentials().isPresent()) {
            List<String> offered = r.headers().fields().stream().filter(f -> f[0].equalsIgnoreCase("WWW-Authenticate"))
                    .map(f -> f[1]).toList();
            synchronized (this) {
                challenge = RtspCredentials.choose(offered).orElse(null);
                nonceCount = 0;
            }
            if (challenge != null) {
                r = await(connection.send(method, uri, authorized(headers, method, uri)), method);
            }
        }
        if (r.status() == 401) {
            throw new IOException(url + " refused " + (url.credentials().isPresent() ? "the credentials" : "access without credentials")
                    + " (401 to " + method + ")");
        }
        if (mustSucceed && (r.status() < 200 || r.status() > 299)) {
            throw new IOException(method + " " + url + " answered " + r.status() + " " + PeerText.escape(r.reason()));
        }
        return r;
    }

    private synchronized RtspHeaders authorized(RtspHeaders headers, String method, String uri) {
        RtspHeaders h = new RtspHeaders();
        headers.fields().forEach(f -> h.add(f[0], f[1]));
        if (challenge != null) {
            h.add("Authorization", url.credentials().orElseThrow().authorization(challenge, method, uri, ++nonceCount, cnonce));
        }
        return h;
    }

    private <T> T await(CompletableFuture<T> future, String what) throws IOException, InterruptedException {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(what + " failed: " + c, c);
        } catch (TimeoutException e) {
            throw new IOException("no answer to " + what + " from " + url + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
        }
    }

    private void scheduleTimers() {
        long keepAlive = Math.max(1, Math.min(30, keepAliveSeconds / 2));
        group.scheduleAtFixedRate(this::keepAlive, keepAlive, keepAlive, TimeUnit.SECONDS);
        group.scheduleAtFixedRate(this::sendReports, 1, REPORT_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        long playNanos = System.nanoTime();
        group.scheduleAtFixedRate(() -> {
            // the queue counts from its making; the handshake before PLAY does not count as silence
            long limit = NO_MEDIA_TIMEOUT.toNanos();
            if (queue.silentNanos() > limit && System.nanoTime() - playNanos > limit) {
                fail("no media from " + url + " for " + NO_MEDIA_TIMEOUT.toSeconds() + " s");
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** GET_PARAMETER on the session when the server lists it, else OPTIONS; the answer only has to come. */
    private void keepAlive() {
        String method = getParameter ? "GET_PARAMETER" : "OPTIONS";
        String uri = getParameter ? sessionUri : url.requestUri();
        connection.send(method, uri, authorized(sessionHeaders(), method, uri));
    }

    private void sendReports() {
        for (int i = 0; i < receivers.size(); i++) {
            Optional<RtcpReceiverReport> report = receivers.get(i).report(ownSsrc);
            if (report.isEmpty()) {
                continue;
            }
            ByteBuf b = Unpooled.buffer(64);
            if (udp) {
                report.get().writeCompound(b, "cascade");
                udpPairs.get(i).sendRtcp(b);
            } else {
                b.writeByte('$').writeByte(2 * i + 1).writeShort(0);
                report.get().writeCompound(b, "cascade");
                b.setShort(2, b.readableBytes() - 4);
                connection.write(b);
            }
        }
    }

    private void onInterleaved(InterleavedFrame frame) {
        try {
            int index = frame.channel() / 2;
            if (index < receivers.size()) {
                media(index, frame.channel() % 2 == 1, frame.content());
            }
        } finally {
            frame.release();
        }
    }

    private void onUdp(int index, boolean rtcp, ByteBuf bytes) {
        media(index, rtcp, bytes);
    }

    private void media(int index, boolean rtcp, ByteBuf bytes) {
        TrackReceiver receiver = receivers.get(index);
        try {
            if (rtcp) {
                receiver.onRtcp(RtcpPacket.readCompound(bytes));
                return;
            }
            List<Frame> frames = receiver.onRtp(RtpPacket.decode(bytes), clock);
            if (frames.isEmpty() || !announce()) {
                return;
            }
            if (receiver.isVideo()) {
                videoStarted = true;
            } else if (!videoStarted && receivers.stream().anyMatch(TrackReceiver::isVideo)) {
                return; // the stream starts at the video's first keyframe, not with audio before it
            }
            frames.forEach(queue::onFrame);
        } catch (RtpFormatException e) {
            RtspPullInput.GARBAGE.warn("RTSP pull " + url + ": packet dropped: " + e.getMessage());
        } catch (CodecFormatException e) {
            fail("unreadable codec configuration from " + url + ": " + e.getMessage());
        }
    }

    /** Announces the tracks when all are known, again when one changed; false while one is not known yet. */
    private boolean announce() throws CodecFormatException {
        List<Track> tracks = new ArrayList<>();
        for (TrackReceiver r : receivers) {
            Optional<Track> t = r.track();
            if (t.isEmpty()) {
                return false;
            }
            tracks.add(t.get());
        }
        if (!tracks.equals(announced)) {
            announced = tracks;
            queue.onTracks(tracks);
        }
        return true;
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        connection.close();
    }

    /** Why the session ended. */
    String failure() {
        return failure != null ? failure : "RTSP pull from " + url + " ended";
    }

    /** TEARDOWN, waited for briefly, then the connection closed. */
    @Override
    public void close() {
        if (connection != null) {
            if (session != null && connection.channel().isActive()) {
                try {
                    connection.send("TEARDOWN", sessionUri != null ? sessionUri : url.requestUri(),
                            authorized(sessionHeaders(), "TEARDOWN", sessionUri != null ? sessionUri : url.requestUri()))
                            .get(1, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the server may close at once; the session ends either way
                }
            }
            connection.close();
        }
        udpPairs.forEach(UdpPair::close);
    }
}
