package io.cascade.rtmp;

import java.time.Duration;

/**
 * Bounds that protect the server from peers, all enforced by closing the offending connection.
 *
 * @param maxMessageSize     largest message accepted (bytes); 8 MiB by default, several 4K keyframes
 * @param maxChunkSize       largest Set Chunk Size accepted
 * @param handshakeTimeout   time allowed for a peer to complete the handshake; 10 s by default
 * @param viewerQueueBytes   outbound bytes queued for a viewer before it skips to the next keyframe
 * @param viewerMaxLag       time a viewer may keep skipping (not reading) before it is disconnected
 * @param startTimeout       time from accepting a connection (or from its last unpublish or stop)
 *                           to its publish or play; 10 s by default, an idle socket is closed then
 * @param mediaTimeout       longest silence of a publisher or a pull, counted in complete audio or
 *                           video messages; 10 s by default
 */
public record RtmpLimits(int maxMessageSize, int maxChunkSize, Duration handshakeTimeout,
                         int viewerQueueBytes, Duration viewerMaxLag,
                         Duration startTimeout, Duration mediaTimeout) {

    public static final RtmpLimits DEFAULT = new RtmpLimits(8 << 20, 16 << 20, Duration.ofSeconds(10),
            4 << 20, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));

    public RtmpLimits {
        if (maxMessageSize < 1 || maxChunkSize < 128 || viewerQueueBytes < 1) {
            throw new IllegalArgumentException("RTMP limits must be positive (chunk size at least 128)");
        }
        for (Duration d : new Duration[]{handshakeTimeout, viewerMaxLag, startTimeout, mediaTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("RTMP timeouts must be positive, not " + d);
            }
        }
    }

    public RtmpLimits withHandshakeTimeout(Duration timeout) {
        return new RtmpLimits(maxMessageSize, maxChunkSize, timeout, viewerQueueBytes, viewerMaxLag,
                startTimeout, mediaTimeout);
    }

    public RtmpLimits withViewerQueue(int bytes, Duration maxLag) {
        return new RtmpLimits(maxMessageSize, maxChunkSize, handshakeTimeout, bytes, maxLag,
                startTimeout, mediaTimeout);
    }

    /** @param start see {@link #startTimeout()}; @param media see {@link #mediaTimeout()} */
    public RtmpLimits withIdleTimeouts(Duration start, Duration media) {
        return new RtmpLimits(maxMessageSize, maxChunkSize, handshakeTimeout, viewerQueueBytes, viewerMaxLag,
                start, media);
    }
}
