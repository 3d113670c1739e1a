/**
 * Continuous MPEG-TS outputs of a stream: HTTP MPEG-TS ({@code /NAME/mpegts}, one endless
 * response per viewer) and UDP MPEG-TS push ({@code push udp://...}). Both send the segments' TS
 * form, made once per segment and shared with HLS, joined by {@link io.cascade.mpegts.ContinuousTsWriter};
 * the UDP push paces it by the stream's own clock ({@link io.cascade.tsout.DatagramPacer}). The
 * segments come from a {@link io.cascade.tsout.SegmentSource}: the live window here, the archive later.
 */
package io.cascade.tsout;
