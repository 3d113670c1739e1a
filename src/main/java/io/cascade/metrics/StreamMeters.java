package io.cascade.metrics;

import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.media.Timebase;
import io.cascade.session.SessionRegistry;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The meters of each stream (label {@code name}) and of the server, named as the reference
 * product's schema names them where it does: {@code stream_online_clients} (by {@code proto}),
 * {@code stream_bitrate}, {@code stream_bytes_out_total}, {@code stream_input_bytes_total},
 * {@code stream_alive}, {@code stream_segments}, {@code stream_last_segment_age_seconds},
 * {@code stream_input_switches_total}; {@code server_total_clients},
 * {@code server_online_streams}, {@code server_input_bitrate}, {@code server_output_bitrate}.
 * Streams come and go (cluster sources), so {@link #refresh} before each scrape adds and removes
 * theirs, and takes the one snapshot of viewers by stream and protocol the gauges read.
 */
public final class StreamMeters {
    /** The protocols a stream's online clients are shown for, always, so a series never vanishes. */
    static final List<String> PROTOCOLS = List.of("hls", "dash", "rtmp", "rtsp", "tshttp");

    private final StreamRegistry streams;
    private final SessionRegistry sessions;
    private final MeterRegistry meters;
    private final Map<LiveStream, List<Meter>> registered = new HashMap<>();
    private volatile Map<String, Map<String, Integer>> online = Map.of();

    public StreamMeters(StreamRegistry streams, SessionRegistry sessions, MeterRegistry meters) {
        this.streams = streams;
        this.sessions = sessions;
        this.meters = meters;
        Gauge.builder("server.total.clients", sessions, SessionRegistry::localCount)
                .description("viewers of this server").register(meters);
        Gauge.builder("server.online.streams", streams, r -> r.all().stream().filter(LiveStream::isAlive).count())
                .description("streams that are alive").register(meters);
        Gauge.builder("server.input.bitrate", streams, r -> r.all().stream().mapToLong(LiveStream::bitrate).sum())
                .description("bits per second the streams take in").register(meters);
        Gauge.builder("server.output.bitrate", this, StreamMeters::outputBitrate)
                .description("bits per second sent to viewers, as each stream's bitrate times its viewers")
                .register(meters);
    }

    /** Brings the per-stream meters in line with the streams, and the viewer counts up to date. */
    public synchronized void refresh() {
        online = sessions.localByStreamAndProto();
        List<LiveStream> now = streams.all();
        registered.keySet().removeIf(s -> {
            boolean gone = !now.contains(s);
            if (gone) {
                registered.get(s).forEach(meters::remove);
            }
            return gone;
        });
        for (LiveStream s : now) {
            registered.computeIfAbsent(s, this::register);
        }
    }

    private List<Meter> register(LiveStream s) {
        String name = s.name();
        List<Meter> out = new ArrayList<>();
        for (String proto : PROTOCOLS) {
            out.add(Gauge.builder("stream.online.clients", this, m -> m.online(name, proto))
                    .tag("name", name).tag("proto", proto).description("viewers of the stream on this server")
                    .strongReference(true).register(meters));
        }
        LongAdder inputBytes = new LongAdder();
        s.store().addListener(new SegmentListener() {
            @Override
            public void onSegmentClosed(Segment segment) {
                inputBytes.add(segment.bytes().length);
            }
        });
        out.add(counter("stream.input.bytes", s, x -> inputBytes.sum(), "bytes of segments the stream made or copied"));
        out.add(counter("stream.bytes.out", s, x -> sessions.bytesOut(name), "bytes sent to the stream's viewers"));
        out.add(counter("stream.input.switches", s, LiveStream::inputSwitches, "times an input started feeding the stream"));
        out.add(gauge("stream.bitrate", s, LiveStream::bitrate, "bits per second over the live window"));
        out.add(gauge("stream.alive", s, x -> x.isAlive() ? 1 : 0, "1 while frames arrive"));
        out.add(gauge("stream.segments", s, x -> x.store().closedSegments().size(), "closed segments in the window"));
        out.add(Gauge.builder("stream.last.segment.age", s, StreamMeters::lastSegmentAge).baseUnit("seconds")
                .tag("name", name).description("time since the end of the newest closed segment")
                .strongReference(true).register(meters));
        return out;
    }

    private Meter counter(String meter, LiveStream s, ToDoubleFunction<LiveStream> f, String description) {
        return FunctionCounter.builder(meter, s, f).tag("name", s.name()).description(description).register(meters);
    }

    private Meter gauge(String meter, LiveStream s, ToDoubleFunction<LiveStream> f, String description) {
        return Gauge.builder(meter, s, f).tag("name", s.name()).description(description).strongReference(true)
                .register(meters);
    }

    private double online(String stream, String proto) {
        return online.getOrDefault(stream, Map.of()).getOrDefault(proto, 0);
    }

    private static double lastSegmentAge(LiveStream s) {
        List<Segment> window = s.store().closedSegments();
        if (window.isEmpty()) {
            return Double.NaN;
        }
        return Math.max(0, Timebase.now() - window.getLast().endDts()) / (double) Timebase.HZ;
    }

    private double outputBitrate() {
        double sum = 0;
        for (LiveStream s : streams.all()) {
            int viewers = online.getOrDefault(s.name(), Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            sum += (double) s.bitrate() * viewers;
        }
        return sum;
    }
}
