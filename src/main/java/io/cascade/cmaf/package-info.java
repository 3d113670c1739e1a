/**
 * The canonical segment bytes of Cascade (ISO/IEC 23000-19 CMAF on ISO/IEC 14496-12 movie
 * fragments): {@link io.cascade.cmaf.CmafInitWriter} makes the {@code ftyp}+{@code moov} of a
 * stream, {@link io.cascade.cmaf.CmafFragmentWriter} a {@code moof}+{@code mdat} chunk of frames,
 * and {@link io.cascade.cmaf.CmafReader} turns such bytes back into tracks and frames;
 * {@link io.cascade.cmaf.TrackFragments} cuts one track's fragment out of muxed ones.
 *
 * <p>The writers are deterministic: the same input always gives the same bytes, because those
 * bytes are copied verbatim between servers and compared, stored and served as they are. Every
 * track uses the 90 kHz timescale so decode times are the UTC timeline itself.
 */
package io.cascade.cmaf;
