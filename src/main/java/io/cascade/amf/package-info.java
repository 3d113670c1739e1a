/**
 * AMF0, the serialization RTMP uses for commands and metadata, written from the AMF0
 * specification. Values map onto plain Java: {@link java.lang.Double}, {@link java.lang.Boolean},
 * {@link java.lang.String}, {@code Map<String,Object>} in wire order (objects and ECMA arrays),
 * {@code List<Object>} (strict arrays), {@link java.time.Instant} (dates) and {@code null}
 * (null and undefined).
 *
 * <p>Reading is bounded: nesting depth and every length read from the input are checked against
 * what is left of the input before anything is allocated, so garbage fails fast with an
 * {@link io.cascade.amf.Amf0Exception}.
 */
package io.cascade.amf;
