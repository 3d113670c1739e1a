/**
 * Codec bitstream helpers written from the specifications: NAL unit framing (Annex B and
 * length-prefixed), H.264 / H.265 sequence parameter sets, the {@code avcC} / {@code hvcC}
 * decoder configuration records, AAC AudioSpecificConfig and ADTS headers, and RFC 6381 codec
 * strings.
 *
 * <p>Everything here works on byte arrays and is free of I/O; malformed input raises
 * {@link io.cascade.codec.CodecFormatException} so callers can drop the bad unit and carry on.
 */
package io.cascade.codec;
