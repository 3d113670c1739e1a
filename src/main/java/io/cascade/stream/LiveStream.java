package io.cascade.stream;

import io.cascade.config.ServerConfig;
import io.cascade.config.BackupConfig;
import io.cascade.config.InputConfig;
import io.cascade.config.StreamConfig;
import io.cascade.input.ConfiguredInput;
import io.cascade.input.InputOptions;
import io.cascade.input.InputStats;
import io.cascade.input.Input;
import io.cascade.input.InputFactory;
import io.cascade.input.InputSupervisor;
import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.SegmentTarget;
import io.cascade.media.Timebase;
import io.cascade.media.TimelineMapper;
import io.cascade.media.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream a server carries: its inputs, the segmenter and the live window, and whether it
 * runs all the time (static) or while someone watches (on demand).
 *
 * <p>Its memory is bounded by {@code max_bitrate}: an input run that feeds more for a few seconds
 * is cut (and counted), one segment holds at most twice what that rate makes in the longest
 * segment, and the window at most what it makes in {@code segments} of them.
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
    private final InputRateLimit rateLimit;
    private final AtomicLong inputsCut = new AtomicLong();
    private final AtomicLong inputSwitches = new AtomicLong();
    private volatile long lastFrameNanos = Long.MIN_VALUE;
    /** The frames now fed come from the backup file. */
    private volatile boolean fromBackup;
    /** Numbers of the latest segments made from the backup, at most {@link #BACKUP_MARKS}. */
    private final ConcurrentSkipListSet<Long> backupSegments = new ConcurrentSkipListSet<>();
    private static final int BACKUP_MARKS = 4096;

    public LiveStream(StreamConfig config, double defaultSegmentSeconds, int segmentsInMemory, InputFactory factory) {
        this(config, defaultSegmentSeconds, segmentsInMemory, ServerConfig.DEFAULT_MAX_BITRATE_MBPS * 1_000_000L,
                factory);
    }

    /** @param maxBitrate bits per second an input may feed this stream (over a few seconds) */
    public LiveStream(StreamConfig config, double defaultSegmentSeconds, int segmentsInMemory, long maxBitrate,
                      InputFactory factory) {
        this.config = config;
        this.factory = factory;
        long target = Math.round(config.segmentDuration().orElse(defaultSegmentSeconds) * Timebase.HZ);
        long segmentBytes = maxBitrate / 8 * SegmentTarget.forDuration(target).maxTicks() / Timebase.HZ;
        // One bound for the growing segment, whoever makes it: our segmenter or a cluster copy.
        long maxSegmentBytes = Math.max(1, 2 * segmentBytes);
        this.store = new SegmentStore(segmentsInMemory, Math.max(1, segmentBytes * segmentsInMemory));
        this.segmenter = new Segmenter(config.name(), store, target, Segmenter.firstNumberFor(Timebase.now(), target),
                maxSegmentBytes);
        this.rateLimit = new InputRateLimit(maxBitrate, System::nanoTime);
        this.copier = new SegmentCopier(config.name(), store, target, maxSegmentBytes,
                () -> lastFrameNanos = System.nanoTime());
        this.supervisor = new InputSupervisor(config.name(), configuredInputs(config), new Sink(), this::onInputSwitch,
                System::nanoTime);
        setBackup(config);
    }

    /** Each input with its failover options; options the config reader checked, so defaults only stand in. */
    private List<ConfiguredInput> configuredInputs(StreamConfig c) {
        List<ConfiguredInput> out = new ArrayList<>();
        for (int i = 0; i < c.inputs().size(); i++) {
            InputConfig in = c.inputs().get(i);
            InputOptions options;
            try {
                options = InputOptions.of(in.options(), i + 1);
            } catch (IllegalArgumentException e) {
                log.warn("stream {}: input {}: {}; using the defaults", c.name(), in.url(), e.getMessage());
                options = InputOptions.defaults(i + 1);
            }
            out.add(new ConfiguredInput(factory.create(c.name(), in.url(), in.options()), options));
        }
        return out;
    }

    private void setBackup(StreamConfig c) {
        supervisor.setBackup(c.backup().map(b -> factory.create(c.name(), "file://" + b.file())).orElse(null),
                c.backup().map(BackupConfig::timeout).orElse(BackupConfig.DEFAULT_TIMEOUT));
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

    /**
     * The HLS target duration of this stream's playlists: that of whoever made the segments (a
     * cluster source announces its own), else the one the configured segment duration gives.
     */
    public SegmentTarget target() {
        return store.target().orElse(segmenter.target());
    }

    /** Numbers of the next segments are above {@code number} (the highest one an archive holds). */
    public void continueNumbersAbove(long number) {
        segmenter.continueAbove(number);
    }

    /**
     * How the source named segment {@code local} of a stream copied from a cluster source, when a
     * gap made this stream renumber (to keep its playlists consecutive) or flag it; empty: as stored.
     */
    public Optional<UpstreamSegment> upstream(long local) {
        return copier.upstream(local);
    }

    /** How many input runs were cut for feeding more than {@code max_bitrate}. */
    public long inputsCutForBitrate() {
        return inputsCut.get();
    }

    /** How many times an input (re)started feeding this stream. */
    public long inputSwitches() {
        return inputSwitches.get();
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
            supervisor.setConfiguredInputs(configuredInputs(changed));
        }
        if (!changed.backup().equals(config.backup())) {
            setBackup(changed);
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

    /** The URL of the input feeding the stream (the backup's {@code file://} while it plays). */
    public Optional<String> activeInput() {
        Input in = supervisor.active();
        return in == null ? Optional.empty() : Optional.of(in.url());
    }

    /** What the input with this URL has done: state, last error, bytes and errors counted. */
    public InputStats inputStats(String url) {
        return supervisor.stats(url);
    }

    /** Errors (lost packets) counted by all of this stream's inputs so far. */
    public long inputErrors() {
        return config.inputs().stream().mapToLong(i -> supervisor.stats(i.url()).errors()).sum();
    }

    /** True while the stream plays its backup file because every input is down. */
    public boolean playingBackup() {
        return supervisor.playingBackup();
    }

    /**
     * True when segment {@code number} was made from the backup file, not from an input: such
     * segments are not archived. Known for the segments of the live window (and a few before).
     */
    public boolean isBackupSegment(long number) {
        return backupSegments.contains(number);
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
        fromBackup = input != null && input == supervisor.backupInput();
        if (input != null) {
            inputSwitches.incrementAndGet();
            timeline.reanchor(plausibleEnd());
            rateLimit.reset();
            log.info("stream {}: input {} starting", name(), input.url());
        } else {
            segmenter.finish();
            copier.onInterrupted();
        }
    }

    /**
     * Where the next input must go on from: the end of the window, unless that lies further ahead
     * of the clock than any input could have put it (segments from a faulty source). Such a
     * window is dropped: going on after it would keep the stream in the future, and starting at
     * now beside it would overlap it.
     */
    private long plausibleEnd() {
        long end = store.lastEnd();
        long ahead = end == Long.MIN_VALUE ? 0 : end - Timebase.now();
        if (ahead <= TimelineMapper.MAX_FUTURE) {
            return end;
        }
        log.warn("stream {}: its segments end {} s ahead of the clock; dropping them to start again at now",
                name(), ahead / Timebase.HZ);
        segmenter.onDiscontinuity();
        store.restartTimeline();
        return Long.MIN_VALUE;
    }

    private void markBackup(long number) {
        if (backupSegments.add(number) && backupSegments.size() > BACKUP_MARKS) {
            backupSegments.pollFirst();
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
            try {
                rateLimit.take(frame.size());
            } catch (InputRateExceededException e) {
                inputsCut.incrementAndGet();
                throw e;
            }
            Frame onTimeline = timeline.map(frame);
            if (onTimeline == null) {
                return;
            }
            if (timeline.takeDiscontinuity()) {
                segmenter.onDiscontinuity();
            }
            if (!waitForClock(onTimeline)) {
                return;
            }
            lastFrameNanos = System.nanoTime();
            segmenter.onFrame(onTimeline);
            if (fromBackup) {
                store.growing().ifPresent(seg -> markBackup(seg.number()));
            }
        }

        /** An input running ahead of the wall clock waits here; false when interrupted (the stream stops). */
        private boolean waitForClock(Frame onTimeline) {
            long ahead = timeline.aheadOfClock(onTimeline);
            if (ahead <= 0) {
                return true;
            }
            try {
                TimeUnit.MICROSECONDS.sleep(ahead * 1000 / 90);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void onSourceTarget(long targetSeconds) {
            long bounded = Math.clamp(targetSeconds, 1, SegmentTarget.MAX_TARGET_SECONDS);
            SegmentTarget before = store.target().orElse(null);
            SegmentTarget now = store.adoptTarget(new SegmentTarget(bounded));
            if (before != null && !before.equals(now)) {
                log.warn("stream {}: its source's target duration {} s is longer than the {} s it had;"
                        + " playlists now say {} s", name(), bounded, before.targetSeconds(), now.targetSeconds());
            }
        }

        @Override
        public SegmentSink segments() {
            return copier;
        }
    }
}
