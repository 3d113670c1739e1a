package io.cascade.stream;

import io.cascade.config.StreamConfig;
import io.cascade.input.Input;
import io.cascade.input.InputFactory;
import io.cascade.input.InputSupervisor;
import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.media.TimelineMapper;
import io.cascade.media.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One stream a server carries: its inputs, the segmenter and the live window, and whether it
 * runs all the time (static) or while someone watches (on demand).
 */
public final class LiveStream {
    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    /** A stream with no frame for this long is not alive. */
    private static final long ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final InputFactory factory;
    private volatile StreamConfig config;
    private final SegmentStore store;
    private final Segmenter segmenter;
    private final TimelineMapper timeline = new TimelineMapper();
    private final InputSupervisor supervisor;
    private final SegmentCopier copier;
    private final ClientTracker clients = new ClientTracker(TimeUnit.SECONDS.toNanos(30));
    private volatile long lastFrameNanos = Long.MIN_VALUE;

    public LiveStream(StreamConfig config, double defaultSegmentSeconds, int segmentsInMemory, InputFactory factory) {
        this.config = config;
        this.factory = factory;
        this.store = new SegmentStore(segmentsInMemory);
        long target = Math.round(config.segmentDuration().orElse(defaultSegmentSeconds) * Timebase.HZ);
        this.segmenter = new Segmenter(store, target, Segmenter.firstNumberFor(Timebase.now(), target));
        this.copier = new SegmentCopier(config.name(), store, target, () -> lastFrameNanos = System.nanoTime());
        List<Input> inputs = config.inputs().stream().map(i -> factory.create(config.name(), i.url())).toList();
        this.supervisor = new InputSupervisor(config.name(), inputs, new Sink(), this::onInputSwitch);
    }

    public String name() {
        return config.name();
    }

    public StreamConfig config() {
        return config;
    }

    public boolean isStatic() {
        return config.isStatic();
    }

    public SegmentStore store() {
        return store;
    }

    /** Starts a static stream; on-demand ones wait for their first viewer. */
    public void boot() {
        if (isStatic()) {
            supervisor.start();
        }
    }

    /**
     * Takes a changed config of the same stream (a cluster source's list changed): new inputs
     * and static/on-demand apply without stopping what viewers watch.
     */
    public synchronized void reconfigure(StreamConfig changed) {
        if (!changed.name().equals(config.name())) {
            throw new IllegalArgumentException("reconfigure of " + config.name() + " with " + changed.name());
        }
        if (!changed.inputs().equals(config.inputs())) {
            supervisor.setInputs(changed.inputs().stream().map(i -> factory.create(changed.name(), i.url())).toList());
        }
        boolean nowStatic = changed.isStatic() && !config.isStatic();
        config = changed;
        if (nowStatic) {
            supervisor.start();
        }
    }

    public void shutdown() {
        supervisor.stop();
    }

    /**
     * A viewer asked for this stream: an on-demand stream starts. Completes when there is a
     * segment to serve.
     */
    public CompletableFuture<Segment> request(String client) {
        if (client != null) {
            clients.seen(client);
        }
        if (!supervisor.isRunning()) {
            log.info("stream {}: starting on demand", name());
            supervisor.start();
        }
        return store.firstClosed();
    }

    /** Stops an on-demand stream nobody has fetched from for {@code idleNanos}. */
    public void stopIfIdle(long idleNanos) {
        if (!isStatic() && supervisor.isRunning() && clients.idleNanos() > idleNanos) {
            log.info("stream {}: no viewers, stopping", name());
            supervisor.stop();
            segmenter.onDiscontinuity();
            store.clearWindow();
        }
    }

    public boolean isAlive() {
        long last = lastFrameNanos;
        return last != Long.MIN_VALUE && System.nanoTime() - last < ALIVE_NANOS;
    }

    public Optional<String> activeInput() {
        Input in = supervisor.active();
        return in == null ? Optional.empty() : Optional.of(in.url());
    }

    public int clients() {
        return clients.count();
    }

    public List<Track> tracks() {
        return store.init().map(InitSegment::tracks).orElse(List.of());
    }

    /** Bits per second over the closed segments in the window, 0 when there are none. */
    public long bitrate() {
        long bytes = 0;
        long ticks = 0;
        for (Segment s : store.closedSegments()) {
            bytes += s.bytes().length;
            ticks += s.duration();
        }
        return ticks == 0 ? 0 : bytes * 8 * Timebase.HZ / ticks;
    }

    private void onInputSwitch(Input input) {
        if (input != null) {
            timeline.reanchor(store.lastEnd());
            log.info("stream {}: input {} starting", name(), input.url());
        } else {
            segmenter.finish();
            copier.onInterrupted();
        }
    }

    /** Puts each input's frames on the stream's timeline and into the segmenter. */
    private final class Sink implements MediaSink {
        @Override
        public void onTracks(List<Track> tracks) {
            segmenter.onTracks(tracks);
        }

        @Override
        public void onFrame(Frame frame) {
            Frame onTimeline = timeline.map(frame);
            if (onTimeline == null) {
                return;
            }
            if (timeline.takeDiscontinuity()) {
                segmenter.onDiscontinuity();
            }
            lastFrameNanos = System.nanoTime();
            segmenter.onFrame(onTimeline);
        }

        @Override
        public SegmentSink segments() {
            return copier;
        }
    }
}
