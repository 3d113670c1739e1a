package io.cascade.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Plain sockets for tests that must control every byte a client sends (tricklers, idlers). */
public final class RawSockets {
    private RawSockets() {
    }

    /** A connection to 127.0.0.1:{@code port}, added to {@code held} so the test closes it; reads time out after 5 s. */
    public static Socket connect(int port, List<Socket> held) throws IOException {
        Socket s = new Socket();
        held.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    public static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads to the end of the stream; true when the server closed it (EOF or reset), false on a read timeout. */
    public static boolean closedByServer(Socket s) throws IOException {
        try {
            while (s.getInputStream().read() >= 0) {
                // a response to drain
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** What one read returns: the start of a response. */
    public static String readResponse(Socket s) throws IOException {
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
    }
}
