/**
 * The DASH manifest (ISO/IEC 23009-1, DASH-IF IOP live profile) of a stream's live window, as a
 * pure function of its segments.
 *
 * <p>Segment times are 90 kHz ticks since the Unix epoch and the MPD's availabilityStartTime is the
 * epoch, so a segment's {@code S@t} is its wall-clock time: every server of a cluster writes the
 * same timeline for the same segments, and a player may switch between them. Each track is its own
 * Representation, served as single-track fragments derived once from each canonical segment, with
 * its own timeline read back from those fragments. {@link io.cascade.dash.TimeRoute} is the clock
 * every manifest names.
 */
package io.cascade.dash;
