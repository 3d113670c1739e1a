package io.cascade.rtmp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A raw TCP peer of an RTMP server, for tests that misbehave on purpose. JDK only, so that a test
 * can run it in a process of its own with nothing but the test classes on its class path.
 */
public final class RawRtmpSockets {
    private static final int PACKET = 1536;

    private RawRtmpSockets() {
    }

    /** The plain handshake: C0 + C1 of zeros, S0 + S1 + S2 read, C2 of zeros. */
    public static void handshake(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(3);
        out.write(new byte[PACKET]);
        out.flush();
        new DataInputStream(s.getInputStream()).readFully(new byte[1 + 2 * PACKET]);
        out.write(new byte[PACKET]);
        out.flush();
    }

    /** Reads (and discards) until the server closes the connection (true) or {@code limit} passes. */
    public static boolean closedWithin(Socket s, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                s.setSoTimeout((int) left);
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
