package io.cascade.it;

import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtcpSenderReport;
import io.cascade.rtp.RtpFormatException;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal RTSP client over one TCP connection: sends raw requests, reads responses and
 * interleaved frames. Enough to read sender reports and to send what no real client would.
 */
final class RtspTestClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int cseq;

    /** A response: status and header fields (names lower-cased). */
    record Response(int status, Map<String, String> headers, String body) {
    }

    /** An interleaved frame. */
    record Frame(int channel, byte[] payload) {
    }

    RtspTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Response request(String method, String url, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(method + " " + url + " RTSP/1.0\r\nCSeq: " + (++cseq) + "\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        sendRaw(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        return readResponse();
    }

    /** The next response, skipping interleaved frames before it. */
    Response readResponse() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                throw new IOException("connection closed");
            }
            if (first == '$') {
                in.readUnsignedByte();
                in.skipNBytes(in.readUnsignedShort());
                continue;
            }
            String status = (char) first + line();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim().toLowerCase(), l.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Response(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    Frame readFrame() throws IOException {
        int first = in.read();
        if (first != '$') {
            throw new IOException("expected an interleaved frame, got " + first);
        }
        int channel = in.readUnsignedByte();
        byte[] payload = in.readNBytes(in.readUnsignedShort());
        return new Frame(channel, payload);
    }

    /** The next sender report on {@code channel}, reading at most {@code frames} frames. */
    RtcpSenderReport nextSenderReport(int channel, int frames) throws IOException, RtpFormatException {
        for (int i = 0; i < frames; i++) {
            Frame f = readFrame();
            if (f.channel() == channel) {
                for (RtcpPacket p : RtcpPacket.readCompound(Unpooled.wrappedBuffer(f.payload()))) {
                    if (p.type() == RtcpPacket.SR) {
                        return RtcpSenderReport.of(p);
                    }
                }
            }
        }
        throw new IOException("no sender report on channel " + channel + " within " + frames + " frames");
    }

    /** True when the server closed the connection (within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever came before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in a line");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
