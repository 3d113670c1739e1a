/**
 * The media core: tracks, frames, the UTC timeline and segments. Every other package depends on
 * this one and it depends on none of them, so that protocols and containers meet only through
 * these values.
 *
 * <p>All timestamps are counts of a 90 kHz clock since the Unix epoch (UTC): wide enough to need
 * no wrap handling, exact enough for any frame rate, and the same on every server of a cluster.
 *
 * <p>Two contracts for the other packages live here too: {@link io.cascade.media.MediaFormatException},
 * the one failure every parser raises for bad bytes, and {@link io.cascade.media.DerivedForm}, the
 * typed key of a form derived from a segment.
 */
package io.cascade.media;
