package io.cascade.rtsp;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one session of an RTSP connection: its id, its transport (interleaved or UDP, one for all
 * its tracks), where each set-up track goes, and its playback while it plays. Used on the
 * connection's event loop only.
 */
final class RtspSession {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id = newId();
    private final boolean tcp;
    /** By track index: interleaved RTP channel, or client RTP port; -1 when not set up. */
    private final int[] targets;
    private RtspPlayback playback;

    RtspSession(boolean tcp, int tracks) {
        this.tcp = tcp;
        this.targets = new int[tracks];
        Arrays.fill(targets, -1);
    }

    private static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String id() {
        return id;
    }

    boolean tcp() {
        return tcp;
    }

    boolean playing() {
        return playback != null;
    }

    /** The {@code Session} header value. */
    String header(java.time.Duration timeout) {
        return id + ";timeout=" + timeout.toSeconds();
    }

    boolean anySetUp() {
        return Arrays.stream(targets).anyMatch(t -> t >= 0);
    }

    /** True for the RTCP channel of an interleaved track: the only channel a client may send on. */
    boolean isRtcpChannel(int channel) {
        return tcp && channel % 2 == 1 && Arrays.stream(targets).anyMatch(t -> t >= 0 && t + 1 == channel);
    }

    /** True when interleaved channels {@code first} and {@code first + 1} are free for {@code track}. */
    boolean channelsFree(int track, int first) {
        for (int i = 0; i < targets.length; i++) {
            if (i != track && targets[i] >= 0 && Math.abs(targets[i] - first) < 2) {
                return false;
            }
        }
        return first + 1 <= 255;
    }

    /** Sends track {@code track} to interleaved channel, or client port, {@code first} (RTCP one above). */
    void setUp(int track, int first) {
        targets[track] = first;
    }

    /** Where this session's packets go: its connection, or the client's ports from the UDP pair. */
    RtpSink sink(Channel connection, RtpUdpEndpoint udp) {
        return tcp ? new TcpInterleavedSink(connection, targets)
                : new UdpSink(udp, connection, ((InetSocketAddress) connection.remoteAddress()).getAddress(), targets);
    }

    Set<Integer> tracks() {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] >= 0) {
                out.add(i);
            }
        }
        return out;
    }

    void playing(RtspPlayback started) {
        playback = started;
    }

    void pause() {
        if (playback != null) {
            playback.stop();
            playback = null;
        }
    }

    /** Each client RTCP address of a UDP session. */
    void forEachClientRtcp(InetSocketAddress peer, java.util.function.Consumer<InetSocketAddress> action) {
        if (!tcp) {
            for (int port : targets) {
                if (port >= 0) {
                    action.accept(new InetSocketAddress(peer.getAddress(), port + 1));
                }
            }
        }
    }
}
