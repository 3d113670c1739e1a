package io.cascade.rtsp;

import java.util.concurrent.CompletableFuture;

/** What the RTSP server asks of its owner: the media a viewer may play. */
public interface RtspHooks {
    /**
     * The media {@code viewer} asks for (DESCRIBE, or SETUP without DESCRIBE first), once per
     * connection and stream. Called on a network thread: must not block; the future may complete
     * later on any thread. It fails with an {@link RtspRefusal} to answer that status instead.
     */
    CompletableFuture<RtspMedia> open(RtspViewer viewer);
}
