/**
 * MPEG-2 transport stream (ISO/IEC 13818-1) for H.264, H.265 and AAC: a push-based
 * {@link io.cascade.mpegts.TsDemuxer} that turns a byte stream into {@code Track}s and
 * {@code Frame}s, and a {@link io.cascade.mpegts.TsMuxer} / {@link io.cascade.mpegts.TsSegmentWriter}
 * that turn frames back into 188-byte packets (HLS MPEG-TS segments, UDP / SRT output).
 * Segments written with consecutive numbers are continuous on every PID when sent back to back.
 */
package io.cascade.mpegts;
