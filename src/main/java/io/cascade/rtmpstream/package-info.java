/**
 * RTMP ↔ streams: connects the sessions of the RTMP protocol ({@code io.cascade.rtmp}) to the
 * streams a server carries. {@code input publish://} waits for an RTMP publisher
 * ({@link io.cascade.rtmpstream.PublishPoints}, {@link io.cascade.rtmpstream.PublishInput});
 * {@code input rtmp://} pulls from another server ({@link io.cascade.rtmpstream.RtmpPullInput});
 * both hand a connection's media from the network thread to the input's thread through a bounded
 * {@link io.cascade.rtmpstream.MediaQueue}. {@link io.cascade.rtmpstream.RtmpStreams} answers the
 * RTMP server's publish and play requests from the stream registry, and
 * {@link io.cascade.rtmpstream.StreamFeed} turns a stream's segments back into frames for RTMP
 * viewers. {@link io.cascade.rtmpstream.RtmpService} puts it together for the server.
 */
package io.cascade.rtmpstream;
