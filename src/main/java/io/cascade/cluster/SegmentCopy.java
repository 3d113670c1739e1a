package io.cascade.cluster;

/** One archived segment with its bytes ({@code moof}+{@code mdat}, verbatim). */
public record SegmentCopy(ArchivedSegment segment, byte[] bytes) {
}
