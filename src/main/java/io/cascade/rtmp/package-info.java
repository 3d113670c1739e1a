/**
 * RTMP, written from the Adobe RTMP specification, the FLV specification and Enhanced RTMP:
 * the handshake (plain and digest), the chunk stream ({@link io.cascade.rtmp.RtmpChunkDecoder},
 * {@link io.cascade.rtmp.RtmpChunkEncoder}), protocol control and AMF0 commands, and the mapping
 * of FLV audio/video tags to {@link io.cascade.media.Frame}s.
 *
 * <p>Entry points: {@link io.cascade.rtmp.RtmpServer} accepts publishers and players and asks
 * {@link io.cascade.rtmp.RtmpHooks} what to do with them; {@link io.cascade.rtmp.RtmpPuller}
 * plays from another server. Players of one feed share one {@link io.cascade.rtmp.RtmpFanout},
 * which encodes each frame into chunk bytes once for all of them.
 *
 * <p>This package is the protocol only: it knows frames and tracks of the media core, never
 * streams or inputs; the adapter package {@code rtmpstream} connects its sessions to a server's
 * streams.
 *
 * <p>Pipeline of a connection: written bytes (counted for the viewer's session) →
 * acknowledgements (byte count) → handshake → chunk decoder → session, with the chunk encoder on
 * the way out. A {@code play} is answered when {@link io.cascade.rtmp.RtmpHooks#play(PlayerRequest)}
 * completes (an authorization backend may be asked), back on the connection's event loop. Anything a peer sends that breaks the protocol
 * or a bound of {@link io.cascade.rtmp.RtmpLimits} closes that connection only.
 */
package io.cascade.rtmp;
