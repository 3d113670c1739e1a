package io.cascade.dvr;

import io.cascade.media.InitSegment;
import io.cascade.media.Segment;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The read side of one stream's archive: what archive URLs are served from. The local disk
 * archive implements it; so can a remote one (a cluster source's archive fetched over M4F),
 * and the routes do not tell them apart. Lookups answer from memory at once; reads of segment
 * bytes complete later, off the caller's thread.
 */
public interface Archive {

    /** Stretches of continuous recording, oldest first. */
    List<ArchiveRange> ranges();

    /** The segments that overlap {@code [fromDts, toDts)}, oldest first. */
    List<ArchivedSegment> segments(long fromDts, long toDts);

    /** Up to {@code limit} segments starting at or after {@code fromDts} (the one holding it first), oldest first. */
    List<ArchivedSegment> segmentsFrom(long fromDts, int limit);

    /**
     * How many segments up to {@code segment} (itself included) are {@link ArchivedSegment#discontinuousAfter
     * discontinuous} after the one before: a playlist's discontinuity sequence that stays steady as it slides.
     */
    long discontinuitySequence(ArchivedSegment segment);

    /** Where the run of segments that play one after another, {@code segment}'s, began (a DASH Period start). */
    long runStart(ArchivedSegment segment);

    /** The init a segment names. */
    CompletableFuture<InitSegment> init(String initId);

    /** The segment's canonical bytes with its init, as it was live (same number, times, flag). */
    CompletableFuture<Segment> read(ArchivedSegment segment);

    /**
     * True when {@link #read} hands out one object per segment while it is cached, releasing it
     * ({@link Segment#release}) when it leaves the cache: forms derived from it (an off-heap copy
     * sent with {@code sendfile}) are then made once for every viewer of a catch-up segment.
     * False when each read makes a new segment, where such a form would cost more than it saves.
     */
    default boolean sharesReads() {
        return false;
    }

    /** The segment whose fragment of track {@code trackId} starts at {@code trackStart} (a DASH URL). */
    Optional<ArchivedSegment> byTrackStart(int trackId, long trackStart);

    /** Segments starting within the UTC second {@code second}, oldest first (an HLS segment name's second). */
    List<ArchivedSegment> startingInSecond(long second);

    /** The newest init, to describe the archive's tracks; empty when nothing is recorded. */
    Optional<String> newestInitId();
}
