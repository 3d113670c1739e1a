package io.cascade.cluster;

import io.cascade.input.Input;
import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;

import java.io.EOFException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * {@code input m4f://HOST:PORT/NAME}: pulls a stream's segments from another Cascade server and
 * hands them, verbatim, to the stream. It asks for the segment after the last one the stream has,
 * so switching between sources that carry the same segments loses and repeats nothing. It ends
 * by itself at a segment boundary when a preferred source can serve again.
 */
public final class M4fInput implements Input {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final String url;
    private final PeerConnector connector;
    private final String name;
    private final BooleanSupplier preferredAvailable;

    public M4fInput(String url, PeerConnector connector, String name, BooleanSupplier preferredAvailable) {
        this.url = url;
        this.connector = connector;
        this.name = name;
        this.preferredAvailable = preferredAvailable;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void run(MediaSink sink) throws IOException, InterruptedException {
        SegmentSink segments = sink.segments();
        long from = segments.nextWanted();
        String path = M4fRoute.PREFIX + "/" + encodePath(name) + (from >= 0 ? "?from=" + from : "");
        try (PeerConnector.Stream stream = connector.open(path)) {
            read(stream.messages(), segments, stream);
        }
    }

    private void read(M4fDecoder in, SegmentSink sink, PeerConnector.Stream stream) throws IOException {
        checkHello(next(in, stream));
        long lastStarted = Long.MIN_VALUE;
        long open = -1;
        while (true) {
            M4fMessage m = next(in, stream);
            switch (m.type()) {
                case 'I' -> {
                    ByteBuffer b = m.body(4);
                    sink.onInit(b.getInt(), Arrays.copyOfRange(m.payload(), 4, m.payload().length));
                }
                case 'S' -> {
                    ByteBuffer b = m.body(21);
                    long number = b.getLong();
                    if (open != -1) {
                        throw new M4fProtocolException("segment " + number + " starts while " + open + " is open");
                    }
                    if (number <= lastStarted) {
                        throw new M4fProtocolException("segment number " + number + " after " + lastStarted);
                    }
                    lastStarted = number;
                    open = number;
                    sink.onSegmentStarted(number, b.getLong(), b.getInt(), (b.get() & 1) != 0);
                }
                case 'C' -> {
                    long number = m.body(8).getLong();
                    if (number != open) {
                        throw new M4fProtocolException("chunk of segment " + number + " while " + open + " is open");
                    }
                    sink.onChunk(number, Arrays.copyOfRange(m.payload(), 8, m.payload().length));
                }
                case 'E' -> {
                    ByteBuffer b = m.body(16);
                    long number = b.getLong();
                    long duration = b.getLong();
                    if (number != open || duration < 0) {
                        throw new M4fProtocolException("end of segment " + number + " while " + open + " is open");
                    }
                    sink.onSegmentClosed(number, duration);
                    open = -1;
                    if (preferredAvailable.getAsBoolean()) {
                        return;
                    }
                }
                case 'A' -> {
                    long number = m.body(8).getLong();
                    if (number != open) {
                        throw new M4fProtocolException("abort of segment " + number + " while " + open + " is open");
                    }
                    sink.onSegmentAborted(number);
                    open = -1;
                    lastStarted = number - 1;
                }
                case 'P' -> {
                    // only proves the source is alive
                }
                default -> throw new M4fProtocolException("message '" + m.type() + "' has no place in a segment stream");
            }
        }
    }

    /** The next verified message; the end of the stream is an error, since a live stream never ends. */
    static M4fMessage next(M4fDecoder in, PeerConnector.Stream stream) throws IOException {
        try {
            M4fMessage m = in.next();
            stream.alive();
            return m;
        } catch (EOFException end) {
            if (stream.stalled()) {
                throw new IOException("source stalled: no data for " + PeerConnector.STALL_MILLIS + " ms");
            }
            throw new IOException("source closed the stream");
        }
    }

    static void checkHello(M4fMessage hello) throws M4fProtocolException {
        if (hello.type() != 'H') {
            throw new M4fProtocolException("first message is '" + hello.type() + "', not the hello");
        }
        int version;
        try {
            version = JSON.readTree(hello.payload()).path("version").asInt(-1);
        } catch (IOException e) {
            throw new M4fProtocolException("unreadable hello");
        }
        if (version != M4fRoute.PROTOCOL_VERSION) {
            throw new M4fProtocolException("source speaks M4F version " + version + ", we speak " + M4fRoute.PROTOCOL_VERSION);
        }
    }

    static String encodePath(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("/", -1)) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }
}
