package io.cascade.cluster;

import io.cascade.input.Input;
import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * {@code input m4f://HOST:PORT/NAME}: pulls a stream's segments from another Cascade server and
 * hands them, verbatim, to the stream. It asks for the segment after the last one the stream has,
 * so switching between sources that carry the same segments loses and repeats nothing. It ends
 * by itself at a segment boundary when a preferred source can serve again. Every message is
 * verified before it is used; a bad one, or a segment the stream refuses as out of bounds, fails
 * the input, which drops the connection (the supervisor logs why and reconnects or fails over).
 */
public final class M4fInput implements Input {
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
            read(stream, segments, sink::onSourceTarget);
        }
    }

    private void read(PeerConnector.Stream stream, SegmentSink sink, LongConsumer onTarget) throws IOException {
        long target = stream.readHello().path("target_duration").asLong(0);
        if (target > 0) {
            // the restreamer's playlists then say what the source's say
            onTarget.accept(target);
        }
        long lastStarted = Long.MIN_VALUE;
        long open = -1;
        while (true) {
            M4fMessage m = stream.next();
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
