package io.cascade.it;

import io.cascade.amf.Amf0Writer;
import io.cascade.codec.AvcConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An RTMP publisher that sends whatever timestamps and frame sizes a test asks for: what no
 * encoder would, and what a hostile or broken one does. Blocking socket, one chunk per message
 * (it sets a chunk size larger than any message it sends), extended timestamps when needed. The
 * server's replies are read and dropped on a thread of their own so it never blocks on us.
 */
final class CraftedPublisher implements AutoCloseable {
    private static final byte[] SPS = HexFormat.of().parseHex("6764000cacb202833f3e0220000003002000000641e28549");
    private static final byte[] PPS = HexFormat.of().parseHex("68ebc3cb22c0");
    private static final byte[] AAC_LC_48K_STEREO = {0x11, (byte) 0x90};
    private static final int CHUNK_SIZE = 8 << 20;
    private static final int VIDEO_CSID = 6;
    private static final int AUDIO_CSID = 4;

    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;

    private CraftedPublisher(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        this.reader = Thread.ofVirtual().start(() -> {
            byte[] sink = new byte[8192];
            try {
                while (in.read(sink) >= 0) {
                    // replies are not needed: the server answers in order
                }
            } catch (IOException closed) {
                // the socket went
            }
        });
    }

    /** Connects, shakes hands and publishes {@code app/name}, then sends the sequence headers at {@code ts}. */
    static CraftedPublisher publish(int port, String app, String name, long ts) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        s.setSoTimeout(10_000);
        handshake(s);
        CraftedPublisher p = new CraftedPublisher(s);
        p.message(2, 1, 0, 0, intBytes(CHUNK_SIZE));
        p.command(0, "connect", 1, Map.of("app", app, "type", "nonprivate", "tcUrl", "rtmp://127.0.0.1:" + port + "/" + app));
        p.command(0, "createStream", 2, (Object) null);
        p.command(1, "publish", 3, null, name, "live");
        p.videoConfig(ts);
        p.audioConfig(ts);
        return p;
    }

    private static void handshake(Socket s) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(3);
        o.write(new byte[1536]);
        o.flush();
        byte[] answer = new byte[1 + 2 * 1536];
        new DataInputStream(s.getInputStream()).readFully(answer);
        o.write(answer, 1, 1536);
        o.flush();
    }

    private void command(int streamId, String name, double transaction, Object... args) throws IOException {
        ByteBuf b = Unpooled.buffer();
        Amf0Writer w = new Amf0Writer(b).write(name).write(transaction);
        for (Object a : args) {
            w.write(a);
        }
        message(3, 20, streamId, 0, ByteBufUtil.getBytes(b));
    }

    private void videoConfig(long ts) throws IOException {
        byte[] avcc = AvcConfig.build(List.of(SPS), List.of(PPS));
        byte[] body = new byte[5 + avcc.length];
        body[0] = 0x17;
        System.arraycopy(avcc, 0, body, 5, avcc.length);
        message(VIDEO_CSID, 9, 1, ts, body);
    }

    private void audioConfig(long ts) throws IOException {
        message(AUDIO_CSID, 8, 1, ts, new byte[] {(byte) 0xAF, 0, AAC_LC_48K_STEREO[0], AAC_LC_48K_STEREO[1]});
    }

    /** A video frame of about {@code size} bytes at the 32-bit wire timestamp {@code ts} (taken modulo 2^32). */
    void video(long ts, boolean keyframe, int size) throws IOException {
        int nal = Math.max(2, size - 9);
        byte[] body = new byte[9 + nal];
        body[0] = (byte) (keyframe ? 0x17 : 0x27);
        body[1] = 1;
        body[5] = (byte) (nal >>> 24);
        body[6] = (byte) (nal >>> 16);
        body[7] = (byte) (nal >>> 8);
        body[8] = (byte) nal;
        body[9] = (byte) (keyframe ? 0x65 : 0x41);
        message(VIDEO_CSID, 9, 1, ts, body);
    }

    void audio(long ts) throws IOException {
        message(AUDIO_CSID, 8, 1, ts, new byte[] {(byte) 0xAF, 1, 0x21, 0x10, 0x04});
    }

    /** One message as one type-0 chunk; the timestamp goes in the extended field when it needs to. */
    private void message(int csid, int type, int streamId, long timestamp, byte[] payload) throws IOException {
        long ts = timestamp & 0xFFFF_FFFFL;
        boolean extended = ts >= 0xFFFFFF;
        ByteBuf h = Unpooled.buffer(16);
        h.writeByte(csid);
        h.writeMedium(extended ? 0xFFFFFF : (int) ts);
        h.writeMedium(payload.length);
        h.writeByte(type);
        h.writeIntLE(streamId);
        if (extended) {
            h.writeInt((int) ts);
        }
        out.write(ByteBufUtil.getBytes(h));
        out.write(payload);
        out.flush();
    }

    /** True once the server has closed the connection (a write then fails). */
    boolean isCut() {
        return !reader.isAlive();
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
