package io.cascade.dvr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory index of one archive: its segments sorted by start, looked up by time in
 * O(log n), with each segment's count of discontinuities before it. Not thread safe: its archive
 * guards it.
 */
final class ArchiveTimeline {
    /** A time gap longer than this between two segments splits a range of continuous recording. */
    static final long RANGE_GAP = 90_000;
    /** A start this far from the previous end (or a number that does not follow) is a discontinuity. */
    static final long DISCONTINUITY_GAP = 45_000;

    /** A segment, the discontinuities up to it (itself included) and where its run began. */
    private record Entry(ArchivedSegment segment, long discontinuities, long runStart) {
    }

    private final ArrayList<Entry> entries = new ArrayList<>();
    private long bytes;
    private long duration;
    /** The ranges, kept up to date by appends; null after a change that needs them made again. */
    private List<ArchiveRange> ranges = new ArrayList<>();

    /** True when {@code s} cannot be played straight on from {@code previous} (a player must reset). */
    static boolean discontinuous(ArchivedSegment previous, ArchivedSegment s) {
        return s.discontinuousAfter(previous);
    }

    void add(ArchivedSegment s) {
        int at = entries.size();
        while (at > 0 && entries.get(at - 1).segment().startDts() > s.startDts()) {
            at--; // only a timeline that went back gets here; appends are at the end
        }
        Entry previous = at == 0 ? null : entries.get(at - 1);
        boolean breaks = previous == null || discontinuous(previous.segment(), s);
        long before = previous == null ? 0 : previous.discontinuities() + (breaks ? 1 : 0);
        entries.add(at, new Entry(s, before, breaks ? s.startDts() : previous.runStart()));
        bytes += s.size();
        duration += s.duration();
        extendRanges(at, s);
    }

    /** An append extends the last range or opens one; anything else has them made again when asked. */
    private void extendRanges(int at, ArchivedSegment s) {
        if (ranges == null || at != entries.size() - 1) {
            ranges = null;
            return;
        }
        if (!ranges.isEmpty() && s.startDts() - ranges.getLast().to() <= RANGE_GAP) {
            ArchiveRange last = ranges.removeLast();
            ranges.add(new ArchiveRange(last.from(), Math.max(last.to(), s.endDts())));
        } else {
            ranges.add(new ArchiveRange(s.startDts(), s.endDts()));
        }
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    /** Recorded time, gaps left out. */
    long duration() {
        return duration;
    }

    Optional<ArchivedSegment> first() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getFirst().segment());
    }

    Optional<ArchivedSegment> last() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getLast().segment());
    }

    ArchivedSegment get(int i) {
        return entries.get(i).segment();
    }

    /** How many segments up to {@code s}, itself included, could not be played on from the one before. */
    long discontinuitySequence(ArchivedSegment s) {
        int i = indexOf(s);
        return i < 0 ? 0 : entries.get(i).discontinuities();
    }

    /** The start of the run of segments playable one after another that {@code s} is in. */
    long runStart(ArchivedSegment s) {
        int i = indexOf(s);
        // Segments deleted from the front may have taken the run's start with them.
        return i < 0 ? s.startDts() : Math.max(entries.get(i).runStart(), get(0).startDts());
    }

    /**
     * The segment numbered {@code number}: numbers rise with time (a restart continues above the
     * archive's), so the timeline in time order is in number order too and a binary search finds it.
     */
    Optional<ArchivedSegment> byNumber(long number) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long n = get(mid).number();
            if (n == number) {
                return Optional.of(get(mid));
            } else if (n < number) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** The index of the last segment starting at or before {@code dts}, -1 when none does. */
    int atOrBefore(long dts) {
        int lo = 0;
        int hi = entries.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid).startDts() <= dts) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    List<ArchivedSegment> overlapping(long from, long to) {
        List<ArchivedSegment> out = new ArrayList<>();
        int i = Math.max(0, atOrBefore(from));
        if (i < entries.size() && get(i).endDts() <= from) {
            i++;
        }
        for (; i < entries.size() && get(i).startDts() < to; i++) {
            if (get(i).endDts() > from) {
                out.add(get(i));
            }
        }
        return out;
    }

    List<ArchivedSegment> from(long from, int limit) {
        List<ArchivedSegment> out = new ArrayList<>();
        int i = Math.max(0, atOrBefore(from));
        if (i < entries.size() && get(i).endDts() <= from) {
            i++;
        }
        for (; i < entries.size() && out.size() < limit; i++) {
            out.add(get(i));
        }
        return out;
    }

    List<ArchivedSegment> startingBetween(long from, long to) {
        List<ArchivedSegment> out = new ArrayList<>();
        int i = atOrBefore(from - 1) + 1;
        for (; i < entries.size() && get(i).startDts() < to; i++) {
            out.add(get(i));
        }
        return out;
    }

    List<ArchiveRange> ranges() {
        if (ranges == null) {
            ranges = computeRanges();
        }
        return List.copyOf(ranges);
    }

    private List<ArchiveRange> computeRanges() {
        List<ArchiveRange> out = new ArrayList<>();
        long from = 0;
        long to = 0;
        for (int i = 0; i < entries.size(); i++) {
            ArchivedSegment s = get(i);
            if (i == 0 || s.startDts() - to > RANGE_GAP) {
                if (i > 0) {
                    out.add(new ArchiveRange(from, to));
                }
                from = s.startDts();
            }
            to = Math.max(to, s.endDts());
        }
        if (!entries.isEmpty()) {
            out.add(new ArchiveRange(from, to));
        }
        return out;
    }

    /** The segments kept in the hour folder of {@code startDts}. */
    List<ArchivedSegment> inHourOf(long startDts) {
        long hourTicks = 3600 * 90_000L;
        long hourStart = Math.floorDiv(startDts, hourTicks) * hourTicks;
        return startingBetween(hourStart, hourStart + hourTicks);
    }

    void removeAll(Collection<ArchivedSegment> gone) {
        Set<ArchivedSegment> set = new HashSet<>(gone);
        ranges = null;
        entries.removeIf(e -> {
            if (set.contains(e.segment())) {
                bytes -= e.segment().size();
                duration -= e.segment().duration();
                return true;
            }
            return false;
        });
    }

    private int indexOf(ArchivedSegment s) {
        int i = atOrBefore(s.startDts());
        while (i >= 0 && get(i).startDts() == s.startDts()) {
            if (get(i).equals(s)) {
                return i;
            }
            i--;
        }
        return -1;
    }
}
