package io.cascade.cluster;

/**
 * A stretch of continuous recording: from the start of its first segment to the end of its last,
 * in 90 kHz ticks since the Unix epoch (UTC), the stream timeline of DECISIONS §1.
 */
public record ArchiveRange(long fromTicks, long toTicks) {
    public ArchiveRange {
        if (fromTicks < 0 || toTicks < fromTicks) {
            throw new IllegalArgumentException("bad archive range " + fromTicks + ".." + toTicks);
        }
    }
}
