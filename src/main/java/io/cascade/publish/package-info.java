/**
 * Connects RTMP to the streams a server carries: {@code input publish://} waits for an RTMP
 * publisher ({@link io.cascade.publish.PublishPoints}), {@link io.cascade.publish.RtmpStreams}
 * answers the RTMP server's publish and play requests from the stream registry, and
 * {@link io.cascade.publish.StreamFeed} turns a stream's segments back into frames for RTMP
 * viewers. {@link io.cascade.publish.RtmpService} puts it together for the server.
 */
package io.cascade.publish;
