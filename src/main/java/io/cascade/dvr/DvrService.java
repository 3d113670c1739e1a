package io.cascade.dvr;

import io.cascade.config.DvrConfig;
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

    private record Recorded(StreamArchive archive, Recorder recorder, DvrConfig config) {
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
     * Call before the stream starts. A folder that cannot be opened is logged and the stream runs
     * unrecorded.
     */
    public void attach(LiveStream stream) {
        Optional<DvrConfig> dvr = stream.config().dvr();
        if (dvr.isEmpty()) {
            return;
        }
        Path dvrPath = baseDir.resolve(dvr.get().path()).normalize();
        StreamArchive archive;
        try {
            archive = StreamArchive.open(dvrPath, stream.name());
        } catch (IOException | RuntimeException e) {
            log.warn("DVR {}: the archive under {} cannot be opened, the stream is not recorded: {}",
                    stream.name(), dvrPath, e.toString());
            return;
        }
        stream.continueNumbersAbove(archive.lastNumber());
        retention.add(new Retention.Rules(archive, dvrPath, dvr.get().depth(), dvr.get().diskLimitPercent()));
        Runnable afterWrite = dvr.get().diskLimitPercent().isPresent() ? () -> retention.checkDisk(dvrPath) : () -> { };
        Recorder recorder = new Recorder(archive, afterWrite);
        streams.put(stream.name(), new Recorded(archive, recorder, dvr.get()));
        Gauge.builder(FAILING, recorder, r -> r.failure() == null ? 0 : 1).tag("stream", stream.name())
                .description("1 while the stream's recording is stopped by a failing disk").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder(DROPPED, recorder, Recorder::dropped)
                .tag("stream", stream.name()).description("segments not recorded because the disk did not keep up")
                .register(meters);
        stream.store().addListener(recorder);
    }

    /** The archive of a recorded stream. */
    public Optional<StreamArchive> archive(String streamName) {
        return Optional.ofNullable(streams.get(streamName)).map(Recorded::archive);
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
        long from = r.archive().first().map(s -> Math.floorDiv(s.startDts(), Timebase.HZ)).orElse(0L);
        return Optional.of(new DvrInfo(from, r.config().depth().toSeconds(), r.archive().recordedTicks() / Timebase.HZ,
                r.archive().bytes(), r.recorder().failure(), r.recorder().dropped()));
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
