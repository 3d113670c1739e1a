package io.cascade.dvr;

import io.cascade.cmaf.CmafReader;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.MediaFormatException;
import io.cascade.media.Segment;
import io.cascade.media.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One stream's archive on disk: {@code PATH/NAME/@dvr/}, segment files in UTC hour folders with
 * one append-only index per hour, init segments by content, locks. Appends write the segment
 * under a temporary name and rename it, then append its index line, so a kill at any moment
 * leaves each segment file whole or absent; {@link #open} makes each hour's index agree with its
 * files again. The layout and the crash rules are in {@code docs/dvr.md}.
 *
 * <p>One writer (the recorder) and retention mutate it, under one lock; readers look up the
 * in-memory index and read files on a virtual thread.
 */
public final class StreamArchive implements Archive, SegmentWriter {
    /** The folder under {@code PATH/NAME}: '@' is no stream-name character, so no stream's folder can be it. */
    static final String FOLDER = "@dvr";
    static final String INDEX = "index";
    private static final String INITS = "init";
    private static final String LOCKS = "locks";
    private static final long CACHE_BYTES = 48L << 20;
    private static final ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Logger log = LoggerFactory.getLogger(StreamArchive.class);

    private final String name;
    private final Path root;
    private final Object writeLock = new Object();
    private final ArchiveTimeline timeline = new ArchiveTimeline();
    private final Map<String, InitSegment> inits = new LinkedHashMap<>();
    private final List<ArchiveRange> locks = new ArrayList<>();
    private final Map<Long, Segment> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;
    private long lastNumber = -1;
    private String newestInit;

    private StreamArchive(String name, Path root) {
        this.name = name;
        this.root = root;
    }

    /** Opens (or creates) the archive of stream {@code name} under {@code dvrPath}, repairing what a crash left. */
    public static StreamArchive open(Path dvrPath, String name) throws IOException {
        StreamArchive a = new StreamArchive(name, dvrPath.resolve(name).resolve(FOLDER));
        Files.createDirectories(a.root.resolve(INITS));
        a.load();
        return a;
    }

    @Override
    public String name() {
        return name;
    }

    /** The archive's folder. */
    @Override
    public Path root() {
        return root;
    }

    // ---- writing ----

    @Override
    public void write(Segment segment) throws IOException {
        append(segment);
    }

    /** Stores a closed segment with its init; returns what the index now says of it. */
    public ArchivedSegment append(Segment s) throws IOException {
        if (!s.isComplete()) {
            throw new IllegalArgumentException("segment " + s.number() + " is not closed");
        }
        InitSegment init = s.init();
        byte[] bytes = s.bytes();
        ArchivedSegment entry = new ArchivedSegment(s.number(), s.startDts(), s.duration(), bytes.length,
                InitIds.of(init.bytes()), s.discontinuity(), trackTimes(bytes, init.tracks()));
        synchronized (writeLock) {
            String initId = entry.initId();
            if (!hasInit(initId)) {
                writeWhole(root.resolve(INITS).resolve(initId + ".mp4"), init.bytes());
                synchronized (this) {
                    inits.put(initId, new InitSegment(inits.size() + 1, init.tracks(), init.bytes()));
                }
            }
            Path hour = root.resolve(SegmentFiles.hour(entry.startDts()));
            Files.createDirectories(hour);
            writeWhole(hour.resolve(SegmentFiles.fileName(entry)), bytes);
            Files.writeString(hour.resolve(INDEX), SegmentFiles.indexLine(entry), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            synchronized (this) {
                timeline.add(entry);
                lastNumber = Math.max(lastNumber, entry.number());
                newestInit = initId;
            }
        }
        return entry;
    }

    private synchronized boolean hasInit(String id) {
        return inits.containsKey(id);
    }

    /** Written under a temporary name, flushed and renamed: the final name only ever holds whole bytes. */
    private static void writeWhole(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + SegmentFiles.TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            // Survives a power cut too, not only a killed process: the rename never points at unwritten data.
            ch.force(false);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static List<TrackTime> trackTimes(byte[] bytes, List<Track> tracks) {
        List<Frame> frames;
        try {
            frames = CmafReader.readFragments(bytes, tracks);
        } catch (MediaFormatException e) {
            return List.of();
        }
        List<TrackTime> out = new ArrayList<>();
        for (Track t : tracks) {
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            for (Frame f : frames) {
                if (f.trackId() == t.id()) {
                    start = Math.min(start, f.dts());
                    end = Math.max(end, f.dts() + f.duration());
                }
            }
            if (start != Long.MAX_VALUE) {
                out.add(new TrackTime(t.id(), start, end - start));
            }
        }
        return out;
    }

    // ---- deleting ----

    /** Removes these segments (files and index lines); returns how many went. Locks are the caller's concern. */
    public int delete(Collection<ArchivedSegment> gone) throws IOException {
        if (gone.isEmpty()) {
            return 0;
        }
        synchronized (writeLock) {
            Map<String, Long> hours = new TreeMap<>();
            for (ArchivedSegment s : gone) {
                Files.deleteIfExists(root.resolve(SegmentFiles.hour(s.startDts())).resolve(SegmentFiles.fileName(s)));
                hours.put(SegmentFiles.hour(s.startDts()), s.startDts());
            }
            List<List<ArchivedSegment>> remaining = new ArrayList<>();
            synchronized (this) {
                timeline.removeAll(gone);
                gone.forEach(s -> uncache(s.startDts()));
                for (long at : hours.values()) {
                    remaining.add(timeline.inHourOf(at));
                }
            }
            int i = 0;
            for (String hour : hours.keySet()) {
                rewriteHour(root.resolve(hour), remaining.get(i++));
            }
        }
        return gone.size();
    }

    /** An hour's index made again from what it holds; an hour left empty goes with its empty parents. */
    private void rewriteHour(Path hour, List<ArchivedSegment> kept) throws IOException {
        if (kept.isEmpty()) {
            Files.deleteIfExists(hour.resolve(INDEX));
            Path dir = hour;
            while (!dir.equals(root) && isEmptyDir(dir)) {
                Files.deleteIfExists(dir);
                dir = dir.getParent();
            }
            return;
        }
        StringBuilder b = new StringBuilder();
        kept.forEach(s -> b.append(SegmentFiles.indexLine(s)));
        writeWhole(hour.resolve(INDEX), b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }

    // ---- locks ----

    public synchronized List<ArchiveRange> locks() {
        return List.copyOf(locks);
    }

    public void addLock(ArchiveRange lock) throws IOException {
        synchronized (writeLock) {
            synchronized (this) {
                locks.add(lock);
            }
            saveLocks();
        }
    }

    /** Removes the locks that overlap {@code range}; returns how many. */
    public int removeLocks(ArchiveRange range) throws IOException {
        synchronized (writeLock) {
            int before;
            synchronized (this) {
                before = locks.size();
                locks.removeIf(l -> l.overlaps(range.from(), range.to()) || l.equals(range));
                before -= locks.size();
            }
            saveLocks();
            return before;
        }
    }

    public synchronized boolean isLocked(ArchivedSegment s) {
        return locks.stream().anyMatch(l -> l.overlaps(s.startDts(), Math.max(s.endDts(), s.startDts() + 1)));
    }

    private void saveLocks() throws IOException {
        StringBuilder b = new StringBuilder();
        locks().forEach(l -> b.append(l.from()).append(' ').append(l.to()).append('\n'));
        writeWhole(root.resolve(LOCKS), b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    // ---- figures ----

    /** The highest segment number stored, -1 when empty: a restarted stream numbers above it. */
    public synchronized long lastNumber() {
        return lastNumber;
    }

    public synchronized long bytes() {
        return timeline.bytes();
    }

    public synchronized long recordedTicks() {
        return timeline.duration();
    }

    public synchronized int segmentCount() {
        return timeline.size();
    }

    public synchronized Optional<ArchivedSegment> first() {
        return timeline.first();
    }

    public synchronized Optional<ArchivedSegment> last() {
        return timeline.last();
    }

    /** The oldest segments, up to {@code limit}, oldest first. */
    public synchronized List<ArchivedSegment> oldest(int limit) {
        List<ArchivedSegment> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, timeline.size()); i++) {
            out.add(timeline.get(i));
        }
        return out;
    }

    // ---- Archive ----

    @Override
    public synchronized List<ArchiveRange> ranges() {
        return timeline.ranges();
    }

    @Override
    public synchronized List<ArchivedSegment> segments(long fromDts, long toDts) {
        return timeline.overlapping(fromDts, toDts);
    }

    @Override
    public synchronized List<ArchivedSegment> segmentsFrom(long fromDts, int limit) {
        return timeline.from(fromDts, limit);
    }

    @Override
    public synchronized long discontinuitySequence(ArchivedSegment segment) {
        return timeline.discontinuitySequence(segment);
    }

    @Override
    public synchronized long runStart(ArchivedSegment segment) {
        return timeline.runStart(segment);
    }

    @Override
    public synchronized CompletableFuture<InitSegment> init(String initId) {
        InitSegment i = inits.get(initId);
        return i != null ? CompletableFuture.completedFuture(i)
                : CompletableFuture.failedFuture(new NoSuchFileException("no init " + initId + " in the archive of " + name));
    }

    @Override
    public CompletableFuture<Segment> read(ArchivedSegment s) {
        Segment cached = cached(s.startDts(), s.number());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return init(s.initId()).thenApplyAsync(init -> {
            Path file = root.resolve(SegmentFiles.hour(s.startDts())).resolve(SegmentFiles.fileName(s));
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bytes.length != s.size()) {
                throw new UncheckedIOException(new IOException("archived segment " + file.getFileName()
                        + " holds " + bytes.length + " bytes instead of " + s.size()));
            }
            Segment seg = Segment.complete(s.number(), s.startDts(), s.duration(), init, s.discontinuity(), bytes);
            return cache(seg);
        }, READS);
    }

    private synchronized Segment cached(long startDts, long number) {
        Segment s = cache.get(startDts);
        return s != null && s.number() == number ? s : null;
    }

    private synchronized Segment cache(Segment s) {
        Segment known = cache.get(s.startDts());
        if (known != null && known.number() == s.number()) {
            return known; // one object per segment, so its derived forms are made once
        }
        cache.put(s.startDts(), s);
        cachedBytes += s.size();
        var it = cache.values().iterator();
        while (cachedBytes > CACHE_BYTES && cache.size() > 1 && it.hasNext()) {
            Segment old = it.next();
            cachedBytes -= old.size();
            it.remove();
            old.release();
        }
        return s;
    }

    private synchronized void uncache(long startDts) {
        Segment s = cache.remove(startDts);
        if (s != null) {
            cachedBytes -= s.size();
            s.release();
        }
    }

    /** Reads come from the cache of the last segments read, one object per segment. */
    @Override
    public boolean sharesReads() {
        return true;
    }

    @Override
    public synchronized Optional<ArchivedSegment> byTrackStart(int trackId, long trackStart) {
        // A track's fragment starts within a second of its segment.
        for (ArchivedSegment s : timeline.startingBetween(trackStart - 90_000, trackStart + 90_000)) {
            for (TrackTime t : s.tracks()) {
                if (t.trackId() == trackId && t.start() == trackStart) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<ArchivedSegment> startingInSecond(long second) {
        return timeline.startingBetween(second * 90_000, (second + 1) * 90_000);
    }

    /** The segment numbered {@code number}, in O(log n). */
    public synchronized Optional<ArchivedSegment> byNumber(long number) {
        return timeline.byNumber(number);
    }

    /** The names of every init the archive holds, oldest first. */
    public synchronized List<String> initIds() {
        return List.copyOf(inits.keySet());
    }

    @Override
    public synchronized Optional<String> newestInitId() {
        return Optional.ofNullable(newestInit);
    }

    // ---- opening ----

    private void load() throws IOException {
        loadInits();
        loadLocks();
        List<Path> hours = hourFolders();
        for (int i = 0; i < hours.size(); i++) {
            loadHour(hours.get(i), i == hours.size() - 1);
        }
        timeline.last().ifPresent(s -> newestInit = s.initId());
        log.info("DVR {}: {} segments, {} bytes in {}", name, timeline.size(), timeline.bytes(), root);
    }

    private void loadInits() throws IOException {
        try (var files = Files.list(root.resolve(INITS))) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(SegmentFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(f);
                    continue;
                }
                String id = file.endsWith(".mp4") ? file.substring(0, file.length() - 4) : "";
                byte[] bytes = Files.readAllBytes(f);
                if (!InitIds.isValid(id) || !InitIds.of(bytes).equals(id)) {
                    log.warn("DVR {}: init {} does not match its name, left out", name, file);
                    continue;
                }
                try {
                    inits.put(id, new InitSegment(inits.size() + 1, CmafReader.readInit(bytes), bytes));
                } catch (MediaFormatException e) {
                    log.warn("DVR {}: init {} cannot be read, left out: {}", name, file, e.getMessage());
                }
            }
        }
    }

    private void loadLocks() throws IOException {
        Path f = root.resolve(LOCKS);
        Files.deleteIfExists(f.resolveSibling("." + LOCKS + SegmentFiles.TEMP_SUFFIX));
        if (!Files.exists(f)) {
            return;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
            String[] p = line.trim().split(" ");
            try {
                locks.add(new ArchiveRange(Long.parseLong(p[0]), Long.parseLong(p[1])));
            } catch (RuntimeException damaged) {
                log.warn("DVR {}: a damaged lock line is left out", name);
            }
        }
    }

    /** Hour folders {@code yyyy/MM/dd/HH}, oldest first. */
    private List<Path> hourFolders() throws IOException {
        try (var walk = Files.walk(root, 4)) {
            return walk.filter(Files::isDirectory)
                    .filter(p -> root.relativize(p).toString().matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}"))
                    .sorted().toList();
        }
    }

    /**
     * Takes an hour's index lines whose files exist and indexes the files it does not list (a
     * kill between rename and index append) from their names; a file whose size is not what its
     * name says, or whose init is gone, is deleted. The index is written again when it did not
     * agree with the folder.
     */
    private void loadHour(Path hour, boolean newest) throws IOException {
        Map<String, ArchivedSegment> files = new TreeMap<>();
        try (var list = Files.list(hour)) {
            for (Path f : list.toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(SegmentFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(f); // a write the kill interrupted
                } else {
                    SegmentFiles.parseFileName(file).ifPresent(s -> files.put(file, s));
                }
            }
        }
        boolean dirty = false;
        Map<String, ArchivedSegment> indexed = new LinkedHashMap<>();
        Path index = hour.resolve(INDEX);
        if (Files.exists(index)) {
            String text = Files.readString(index, StandardCharsets.ISO_8859_1);
            dirty = !text.isEmpty() && !text.endsWith("\n");
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                Optional<ArchivedSegment> s = SegmentFiles.parseIndexLine(line);
                if (s.isPresent() && files.containsKey(SegmentFiles.fileName(s.get()))) {
                    indexed.put(SegmentFiles.fileName(s.get()), s.get());
                } else {
                    dirty = true;
                }
            }
        } else {
            dirty = true;
        }
        List<ArchivedSegment> kept = new ArrayList<>();
        for (Map.Entry<String, ArchivedSegment> e : files.entrySet()) {
            Path file = hour.resolve(e.getKey());
            ArchivedSegment s = indexed.get(e.getKey());
            boolean check = s == null || newest;
            if (s == null) {
                dirty = true;
                s = e.getValue();
            }
            if (!inits.containsKey(s.initId()) || (check && Files.size(file) != s.size())) {
                log.warn("DVR {}: segment file {} is incomplete or has no init, deleted", name, e.getKey());
                Files.deleteIfExists(file);
                dirty = true;
                continue;
            }
            if (s.tracks().isEmpty()) {
                s = withTracks(s, Files.readAllBytes(file));
            }
            kept.add(s);
        }
        kept.sort(java.util.Comparator.comparingLong(ArchivedSegment::startDts));
        if (dirty) {
            log.info("DVR {}: index of {} made again from its {} segment files", name, root.relativize(hour), kept.size());
            rewriteHour(hour, kept);
        }
        for (ArchivedSegment s : kept) {
            s = canonical(s);
            timeline.add(s);
            lastNumber = Math.max(lastNumber, s.number());
        }
    }

    /** The segment with its init's name shared with every other segment of that init (months of them). */
    private ArchivedSegment canonical(ArchivedSegment s) {
        for (String id : inits.keySet()) {
            if (id.equals(s.initId())) {
                return id == s.initId() ? s : new ArchivedSegment(s.number(), s.startDts(), s.duration(), s.size(), id,
                        s.discontinuity(), s.tracks());
            }
        }
        return s;
    }

    private ArchivedSegment withTracks(ArchivedSegment s, byte[] bytes) {
        return new ArchivedSegment(s.number(), s.startDts(), s.duration(), s.size(), s.initId(), s.discontinuity(),
                trackTimes(bytes, inits.get(s.initId()).tracks()));
    }
}
