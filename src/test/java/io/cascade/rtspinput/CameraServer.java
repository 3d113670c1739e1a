package io.cascade.rtspinput;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.Nal;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.rtp.AacPacketizer;
import io.cascade.rtp.H264Packetizer;
import io.cascade.rtp.RtpChunk;
import io.cascade.rtp.RtpPacketizer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera-like RTSP server for tests: Digest authentication (qop=auth) on every request, an
 * H.264 + AAC SDP with a relative Content-Base, interleaved RTP after PLAY. What it answers to
 * DESCRIBE can be replaced by garbage.
 */
final class CameraServer implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "s3cret:pw";
    static final String REALM = "IP Camera";
    static final String NONCE = "0fa3b7c9d1";

    private final ServerSocket socket = new ServerSocket(0);
    private final AvcConfig avc;
    private final byte[] describeGarbage;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    CameraServer(AvcConfig avc, byte[] describeGarbage) throws IOException {
        this.avc = avc;
        this.describeGarbage = describeGarbage;
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            while (true) {
                in.mark(1);
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (first == '$') { // the client's receiver reports
                    in.readUnsignedByte();
                    in.skipNBytes(in.readUnsignedShort());
                    continue;
                }
                in.reset();
                String line = line(in);
                if (line == null) {
                    return;
                }
                if (line.isEmpty()) {
                    continue;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    headers.put(h.substring(0, h.indexOf(':')).toLowerCase(), h.substring(h.indexOf(':') + 1).trim());
                }
                String[] start = line.split(" ");
                String method = start[0];
                requests.add(method);
                String cseq = headers.getOrDefault("cseq", "0");
                if (!authorized(method, headers.get("authorization"))) {
                    write(out, "RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq + "\r\nWWW-Authenticate: Basic realm=\"" + REALM
                            + "\"\r\nWWW-Authenticate: Digest realm=\"" + REALM + "\", nonce=\"" + NONCE + "\", qop=\"auth\"\r\n\r\n");
                    continue;
                }
                switch (method) {
                    case "OPTIONS" -> write(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq
                            + "\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n\r\n");
                    case "DESCRIBE" -> {
                        if (describeGarbage != null) {
                            out.write(describeGarbage);
                            out.flush();
                            continue;
                        }
                        String sdp = sdp();
                        write(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nContent-Base: rtsp://127.0.0.1:" + port()
                                + "/Streaming/Channels/101/\r\nContent-Type: application/sdp\r\nContent-Length: "
                                + sdp.length() + "\r\n\r\n" + sdp);
                    }
                    case "SETUP" -> write(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 5F1A2B;timeout=2\r\nTransport: "
                            + headers.get("transport") + "\r\n\r\n");
                    case "PLAY" -> {
                        write(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 5F1A2B\r\n\r\n");
                        Thread.ofVirtual().start(() -> stream(out));
                    }
                    default -> write(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n\r\n");
                }
            }
        } catch (IOException e) {
            // the client left
        }
    }

    private static String line(java.io.InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private String sdp() {
        String sprop = Base64.getEncoder().encodeToString(avc.sps().getFirst()) + ","
                + Base64.getEncoder().encodeToString(avc.pps().getFirst());
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\na=control:*\r\n"
                + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets="
                + sprop + "\r\na=control:trackID=1\r\n"
                + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/48000/2\r\na=fmtp:97 streamtype=5;mode=AAC-hbr;"
                + "sizelength=13;indexlength=3;indexdeltalength=3;config=1190\r\na=control:trackID=2\r\n";
    }

    /**
     * 2 s of 25 fps video (a keyframe every second) and 48 kHz AAC, interleaved on channels 0 and
     * 2, paced; after 1 s the sender restarts as a new source (new SSRC, sequence numbers and
     * timestamps), as VLC does when it loops a file.
     */
    private void stream(OutputStream out) {
        RtpPacketizer video = new H264Packetizer(avc, 1400);
        RtpPacketizer audio = new AacPacketizer(Track.audio(2, Codec.AAC, HexFormat.of().parseHex("1190"), 48000, 2), 1400);
        int[] seq = {100, 5000};
        long base = 0xffff_0000L; // video timestamps wrap past 2^32 within the first second
        try {
            for (int i = 0; i < 50; i++) {
                byte[] nal = new byte[i % 25 == 0 ? 6000 : 800];
                nal[0] = (byte) (i % 25 == 0 ? 0x65 : 0x41);
                Frame v = new Frame(1, 0, 0, 3600, i % 25 == 0, Nal.toLengthPrefixed(List.of(nal)));
                if (i == 25) {
                    seq[0] += 20_000;
                    seq[1] += 20_000;
                }
                long restart = i >= 25 ? 0x4000_0000L : 0;
                int ssrc = i >= 25 ? 0x100 : 0;
                send(out, 0, 96, seq, base + restart + i * 3600L, ssrc, video.packetize(v));
                for (int a = 0; a < 2; a++) {
                    Frame af = new Frame(2, 0, 0, 1920, true, new byte[200]);
                    send(out, 2, 97, seq, restart + (i * 2 + a) * 1024L, ssrc, audio.packetize(af));
                }
                Thread.sleep(40);
            }
            Thread.sleep(60_000);
        } catch (Exception e) {
            // the client left
        }
    }

    private static final java.util.Random NOISE = new java.util.Random(11);
    private static int sends;

    private static void send(OutputStream out, int channel, int pt, int[] seq, long ts, int ssrc, List<RtpChunk> chunks)
            throws IOException {
        synchronized (out) {
            // garbage among the packets: random bytes, and a stray well-formed packet of another source
            byte[] junk = new byte[1 + NOISE.nextInt(60)];
            NOISE.nextBytes(junk);
            out.write(new byte[]{'$', (byte) channel, 0, (byte) junk.length});
            out.write(junk);
            if (sends++ % 10 == 0) { // the first packet the client gets among them
                byte[] stray = {(byte) 0x80, (byte) pt, 0, 1, 0, 0, 0, 0, 0x66, 0x66, 0x66, 0x66, 0x65, 1, 2};
                out.write(new byte[]{'$', (byte) channel, 0, (byte) stray.length});
                out.write(stray);
            }
            for (RtpChunk c : chunks) {
                io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
                io.cascade.rtp.RtpPacket.write(b, pt, seq[channel / 2]++, ts, 0x1234 + channel + ssrc, c);
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                out.write(new byte[]{'$', (byte) channel, (byte) (bytes.length >> 8), (byte) bytes.length});
                out.write(bytes);
            }
            out.flush();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        synchronized (out) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** Checks the Digest response the way a camera does (RFC 2617 3.2.2), independently of the client's code. */
    private boolean authorized(String method, String authorization) {
        if (authorization == null || !authorization.startsWith("Digest ")) {
            if (authorization != null) {
                rejected.add(authorization);
            }
            return false;
        }
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(authorization.substring(7));
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String ha1 = md5(p.get("username") + ":" + REALM + ":" + PASSWORD);
        String ha2 = md5(method + ":" + p.get("uri"));
        String expected = md5(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        boolean ok = USER.equals(p.get("username")) && NONCE.equals(p.get("nonce")) && expected.equals(p.get("response"));
        if (!ok) {
            rejected.add(authorization);
        }
        return ok;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }

    static List<String> copy(List<String> l) {
        return new ArrayList<>(l);
    }
}
