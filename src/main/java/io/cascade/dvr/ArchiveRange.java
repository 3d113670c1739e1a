package io.cascade.dvr;

/** A stretch of continuous recording, 90 kHz UTC, {@code from} included, {@code to} excluded. */
public record ArchiveRange(long from, long to) {

    public ArchiveRange {
        if (to < from) {
            throw new IllegalArgumentException("range ends before it starts: " + from + ".." + to);
        }
    }

    public long duration() {
        return to - from;
    }

    public boolean overlaps(long otherFrom, long otherTo) {
        return from < otherTo && otherFrom < to;
    }
}
