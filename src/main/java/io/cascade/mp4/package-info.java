/**
 * ISO base media file format (ISO/IEC 14496-12, -14, -15): reading and writing boxes, the codec
 * sample entries Cascade carries, and {@link io.cascade.mp4.Mp4Demuxer} for regular MP4 files.
 *
 * <p>Every size read from input is checked against what its parent holds before anything is
 * allocated, so truncated or hostile files fail with an {@link io.cascade.mp4.Mp4FormatException}
 * instead of hanging or exhausting memory.
 */
package io.cascade.mp4;
