/**
 * The one codec layer every container calls, written from the specifications: one parser per
 * bitstream structure, all on the one bounds-checked {@link io.cascade.codec.BitReader} — NAL unit
 * framing (Annex B and length-prefixed), H.264 / H.265 sequence parameter sets, the {@code avcC}
 * / {@code hvcC} decoder configuration records, the AAC AudioSpecificConfig (SBR / PS signalling,
 * program config elements, escaped sample rates), ADTS headers and what a raw AAC block tells
 * about its stream — and RFC 6381 codec strings. {@link io.cascade.codec.TrackInfo} turns a
 * config into a {@code Track}, so a stream is described alike whatever container it came in.
 *
 * <p>Everything here works on byte arrays and is free of I/O; malformed input raises
 * {@link io.cascade.codec.CodecFormatException}, a {@code MediaFormatException}, so callers can
 * drop the bad unit and carry on. Methods taking a {@code Track} ({@code of(Track)},
 * {@link io.cascade.codec.CodecString#of}) trust its config, checked when the track was made.
 */
package io.cascade.codec;
