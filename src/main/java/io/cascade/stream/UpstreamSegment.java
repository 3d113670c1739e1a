package io.cascade.stream;

/**
 * How upstream named a segment this stream copied: its number and its own discontinuity flag,
 * which differ from the stored segment's when a gap made the stream renumber and flag it.
 */
public record UpstreamSegment(long number, boolean discontinuity) {
}
