package io.cascade.dvr;

import io.cascade.media.Timebase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What is kept: segments that ended more than DEPTH ago go; and while the filesystem under a
 * DVR folder is at or above a stream's LIMIT%, the oldest unlocked segment of the streams with a
 * limit on that folder goes, one at a time, until it is below. Locked segments stay either way.
 */
public final class Retention {
    /** At most this many segments go per check, so one check never runs for long. */
    static final int MAX_DELETIONS_PER_CHECK = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** One recorded stream's rules. */
    public record Rules(StreamArchive archive, Path dvrPath, Duration depth, OptionalInt diskLimitPercent) {
    }

    private final Map<String, Rules> streams = new ConcurrentHashMap<>();
    /** One line a minute: a full filesystem is checked after every write. */
    private final io.cascade.net.RateLimitedLog limitLog = new io.cascade.net.RateLimitedLog(log, 60_000);
    private final DiskUsage disk;
    private final LongSupplier clock;

    /** @param clock now, 90 kHz UTC ticks */
    public Retention(DiskUsage disk, LongSupplier clock) {
        this.disk = disk;
        this.clock = clock;
    }

    public void add(Rules rules) {
        streams.put(rules.archive().name(), rules);
    }

    /** Applies depth, then the disk limits; returns how many segments went. */
    public synchronized int check() {
        int gone = 0;
        for (Rules r : streams.values()) {
            gone += applyDepth(r);
        }
        for (Path folder : streams.values().stream().filter(r -> r.diskLimitPercent().isPresent())
                .map(Rules::dvrPath).distinct().toList()) {
            gone += applyDiskLimit(folder);
        }
        return gone;
    }

    /** Applies the disk limit of one folder only (after a write into it). */
    public synchronized int checkDisk(Path dvrPath) {
        return applyDiskLimit(dvrPath);
    }

    private int applyDepth(Rules r) {
        long before = clock.getAsLong() - r.depth().toSeconds() * Timebase.HZ;
        int gone = 0;
        while (gone < MAX_DELETIONS_PER_CHECK) {
            List<ArchivedSegment> old = new ArrayList<>();
            for (ArchivedSegment s : r.archive().oldest(500)) {
                if (s.endDts() > before) {
                    break;
                }
                if (!r.archive().isLocked(s)) {
                    old.add(s);
                }
            }
            if (old.isEmpty()) {
                return gone;
            }
            try {
                gone += r.archive().delete(old);
            } catch (IOException e) {
                log.warn("DVR {}: old segments cannot be deleted: {}", r.archive().name(), e.toString());
                return gone;
            }
        }
        return gone;
    }

    private int applyDiskLimit(Path folder) {
        List<Rules> limited = streams.values().stream()
                .filter(r -> r.dvrPath().equals(folder) && r.diskLimitPercent().isPresent()).toList();
        if (limited.isEmpty()) {
            return 0;
        }
        int limit = limited.stream().mapToInt(r -> r.diskLimitPercent().getAsInt()).min().orElseThrow();
        int gone = 0;
        try {
            while (gone < MAX_DELETIONS_PER_CHECK && disk.usedPercent(folder) >= limit) {
                Optional<Map.Entry<Rules, ArchivedSegment>> oldest = oldestUnlocked(limited);
                if (oldest.isEmpty()) {
                    break;
                }
                gone += oldest.get().getKey().archive().delete(List.of(oldest.get().getValue()));
            }
        } catch (IOException e) {
            log.warn("DVR {}: the disk limit cannot be applied: {}", folder, e.toString());
        }
        if (gone > 0) {
            limitLog.info("DVR " + folder + ": the filesystem reached " + limit + "%, " + gone + " oldest segments deleted");
        }
        return gone;
    }

    private static Optional<Map.Entry<Rules, ArchivedSegment>> oldestUnlocked(List<Rules> limited) {
        return limited.stream()
                .flatMap(r -> r.archive().oldest(64).stream().filter(s -> !r.archive().isLocked(s)).findFirst()
                        .map(s -> Map.entry(r, s)).stream())
                .min(Comparator.comparingLong(e -> e.getValue().startDts()));
    }
}
