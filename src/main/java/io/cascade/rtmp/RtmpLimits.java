package io.cascade.rtmp;

import java.time.Duration;

/**
 * Bounds that protect the server from peers, all enforced by closing the offending connection.
 *
 * @param maxMessageSize     largest message accepted (bytes); 8 MiB by default, several 4K keyframes
 * @param maxChunkSize       largest Set Chunk Size accepted
 * @param handshakeTimeout   time allowed for a peer to complete the handshake
 * @param viewerQueueBytes   outbound bytes queued for a viewer before it skips to the next keyframe
 * @param viewerMaxLag       time a viewer may keep skipping before it is disconnected
 */
public record RtmpLimits(int maxMessageSize, int maxChunkSize, Duration handshakeTimeout,
                         int viewerQueueBytes, Duration viewerMaxLag) {

    public static final RtmpLimits DEFAULT = new RtmpLimits(8 << 20, 16 << 20, Duration.ofSeconds(10),
            4 << 20, Duration.ofSeconds(10));

    public RtmpLimits {
        if (maxMessageSize < 1 || maxChunkSize < 128 || viewerQueueBytes < 1) {
            throw new IllegalArgumentException("RTMP limits must be positive (chunk size at least 128)");
        }
    }

    public RtmpLimits withHandshakeTimeout(Duration timeout) {
        return new RtmpLimits(maxMessageSize, maxChunkSize, timeout, viewerQueueBytes, viewerMaxLag);
    }

    public RtmpLimits withViewerQueue(int bytes, Duration maxLag) {
        return new RtmpLimits(maxMessageSize, maxChunkSize, handshakeTimeout, bytes, maxLag);
    }
}
