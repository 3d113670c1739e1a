package io.cascade.rtsp;

import java.time.Duration;

/**
 * The bounds of every RTSP connection.
 *
 * @param maxHeaderBytes   start line and header fields of one message together
 * @param maxHeaders       header fields of one message
 * @param maxBodyBytes     the body of one message
 * @param sessionTimeout   a session with no request (nor RTCP over UDP) for this long ends; sent as
 *                         {@code Session: id;timeout=S}
 * @param firstRequest     a connection must send its first request within this time
 * @param viewerQueueBytes outbound bytes queued for a TCP viewer before it skips to the next keyframe
 * @param viewerMaxLag     time a viewer may keep skipping before it is disconnected
 */
public record RtspLimits(int maxHeaderBytes, int maxHeaders, int maxBodyBytes, Duration sessionTimeout,
                         Duration firstRequest, int viewerQueueBytes, Duration viewerMaxLag) {
    public static final RtspLimits DEFAULT = new RtspLimits(8192, 64, 16384, Duration.ofSeconds(60),
            Duration.ofSeconds(10), 2 << 20, Duration.ofSeconds(10));

    public RtspLimits {
        if (maxHeaderBytes < 256 || maxHeaders < 4 || maxBodyBytes < 0 || viewerQueueBytes < 1) {
            throw new IllegalArgumentException("RTSP limits too small");
        }
        if (sessionTimeout.toSeconds() < 1 || firstRequest.isNegative() || firstRequest.isZero()
                || viewerMaxLag.isNegative()) {
            throw new IllegalArgumentException("RTSP timeouts must be positive");
        }
    }

    public RtspLimits withSessionTimeout(Duration timeout) {
        return new RtspLimits(maxHeaderBytes, maxHeaders, maxBodyBytes, timeout, firstRequest, viewerQueueBytes, viewerMaxLag);
    }
}
