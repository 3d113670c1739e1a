package io.cascade.dvr;

import io.cascade.config.DvrConfig;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.stream.LiveStream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A server's recorded streams: each one's archive and recorder, and the retention check (every
 * {@link #CHECK_SECONDS} s, and the disk limit after each write). Archives are found by stream
 * name for the archive routes and the API.
 */
public final class DvrService implements AutoCloseable {
    /** Counts segments not recorded because a stream's disk did not keep up, by stream. */
    public static final String DROPPED = "cascade.dvr.segments.dropped";
    /** 1 while a stream's recording is stopped by a failing disk, else 0, by stream. */
    public static final String FAILING = "cascade.dvr.recording.failed";
    static final long CHECK_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(DvrService.class);

    private record Recorded(OpeningArchive archive, Recorder recorder, DvrConfig config) {
    }

    private final Map<String, Recorded> streams = new ConcurrentHashMap<>();
    private final Path baseDir;
    private final MeterRegistry meters;
    private final Retention retention;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dvr-retention").factory());

    /** @param baseDir what a relative DVR path is relative to (the config file's folder) */
    public DvrService(Path baseDir, MeterRegistry meters) {
        this(baseDir, meters, DiskUsage.FILESYSTEM);
    }

    public DvrService(Path baseDir, MeterRegistry meters, DiskUsage disk) {
        this.baseDir = baseDir;
        this.meters = meters;
        this.retention = new Retention(disk, Timebase::now);
        checks.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Records {@code stream} when its config has a {@code dvr}: opens (and repairs) its archive,
     * makes its next segment numbers higher than any archived one, and subscribes the recorder.
     * Call before the stream starts. A folder that cannot be opened yet is opened by the first
     * write that can: until then each write fails, which the recorder reports once and flags.
     */
    public void attach(LiveStream stream) {
        Optional<DvrConfig> dvr = stream.config().dvr();
        if (dvr.isEmpty()) {
            return;
        }
        Path dvrPath = baseDir.resolve(dvr.get().path()).normalize();
        Recorded had = streams.get(stream.name());
        if (had != null) {
            // A stream taken from a source again (it left the source's list and came back): same archive, new recorder.
            had.recorder().close();
            Recorder recorder = new Recorder(writer(had.archive(), stream, had.config()), had.recorder().afterWrite());
            had.archive().archive().ifPresent(a -> stream.continueNumbersAbove(a.lastNumber()));
            streams.put(stream.name(), new Recorded(had.archive(), recorder, had.config()));
            stream.store().addListener(recorder);
            return;
        }
        OpeningArchive archive = new OpeningArchive(dvrPath, stream.name(), opened -> retention.add(
                new Retention.Rules(opened, dvrPath, dvr.get().depth(), dvr.get().diskLimitPercent())));
        try {
            stream.continueNumbersAbove(archive.tryOpen().orElseThrow().lastNumber());
        } catch (IOException | RuntimeException e) {
            // The recorder says so once, with the flag, and opens it as soon as it can.
            log.debug("DVR {}: the archive under {} cannot be opened yet: {}", stream.name(), dvrPath, e.toString());
        }
        Runnable afterWrite = dvr.get().diskLimitPercent().isPresent() ? () -> retention.checkDisk(dvrPath) : () -> { };
        Recorder recorder = new Recorder(writer(archive, stream, dvr.get()), afterWrite, Recorder.MAX_PENDING_BYTES,
                stream::isBackupSegment);
        streams.put(stream.name(), new Recorded(archive, recorder, dvr.get()));
        // read through the map: a stream taken from a source again gets a new recorder, and the meters follow it
        String name = stream.name();
        Gauge.builder(FAILING, this, d -> d.recorder(name).map(r -> r.failure() == null ? 0 : 1).orElse(0))
                .tag("stream", name)
                .description("1 while the stream's recording is stopped by a failing disk").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder(DROPPED, this,
                        d -> d.recorder(name).map(Recorder::dropped).orElse(0L))
                .tag("stream", stream.name()).description("segments not recorded because the disk did not keep up")
                .register(meters);
        stream.store().addListener(recorder);
    }

    /**
     * Where a stream's recorder writes: a {@code replicate} recording keeps its source's segment
     * numbers and flags, so replication can tell by number what it missed, even where the live stream
     * renumbered after losing its source for a while.
     */
    private static SegmentWriter writer(OpeningArchive archive, LiveStream stream, DvrConfig dvr) {
        if (dvr.replicateRate().isEmpty()) {
            return archive;
        }
        return new SegmentWriter() {
            @Override
            public String name() {
                return archive.name();
            }

            @Override
            public Path root() {
                return archive.root();
            }

            @Override
            public void write(Segment s) throws IOException {
                // the stream's own gap flag is left out: the archive sees a gap by the times, and a filled one is none
                archive.write(stream.upstream(s.number()).map(u -> Segment.complete(u.number(), s.startDts(),
                        s.duration(), s.init(), u.discontinuity(), s.bytes())).orElse(s));
            }
        };
    }

    /** The archive of a recorded stream. */
    public Optional<StreamArchive> archive(String streamName) {
        return Optional.ofNullable(streams.get(streamName)).flatMap(r -> r.archive().archive());
    }

    public Optional<Recorder> recorder(String streamName) {
        return Optional.ofNullable(streams.get(streamName)).map(Recorded::recorder);
    }

    /** The figures of a recorded stream's archive, for the API. */
    public Optional<DvrInfo> info(String streamName) {
        Recorded r = streams.get(streamName);
        if (r == null) {
            return Optional.empty();
        }
        Optional<StreamArchive> a = r.archive().archive();
        long from = a.flatMap(StreamArchive::first).map(s -> Math.floorDiv(s.startDts(), Timebase.HZ)).orElse(0L);
        return Optional.of(new DvrInfo(from, r.config().depth().toSeconds(),
                a.map(StreamArchive::recordedTicks).orElse(0L) / Timebase.HZ, a.map(StreamArchive::bytes).orElse(0L),
                r.recorder().failure(), r.recorder().dropped()));
    }

    /** Runs the retention rules now (the scheduled check does so every few seconds). */
    public int check() {
        try {
            return retention.check();
        } catch (RuntimeException e) {
            log.warn("DVR retention check failed: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        streams.values().forEach(r -> r.recorder().close());
    }
}
