/**
 * RTSP 1.0 (RFC 2326; status 431 from RFC 6585), written from the specification: the message
 * codec for requests, responses and {@code $}-interleaved binary frames
 * ({@link io.cascade.rtsp.RtspDecoder}, {@link io.cascade.rtsp.RtspEncoder}, bounded by
 * {@link io.cascade.rtsp.RtspLimits}), usable by a server and a client alike, and the server:
 * {@link io.cascade.rtsp.RtspServer} with one {@link io.cascade.rtsp.RtspServerSession} per
 * connection, RTP interleaved in the connection or over the server's UDP port pair.
 *
 * <p>This package is the protocol only: it knows RTP packets and SDP, never streams. What a viewer
 * may play comes from {@link io.cascade.rtsp.RtspHooks}; the adapter package {@code rtspstream}
 * implements it over a server's streams.
 */
package io.cascade.rtsp;
