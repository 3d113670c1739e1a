package io.cascade.rtspstream;

import io.cascade.rtsp.RtspRefusal;
import io.cascade.rtsp.RtspViewer;

import java.util.concurrent.CompletableFuture;

/**
 * The one point where an RTSP viewer is let in or refused, after its stream was found and before
 * anything of it is sent: once per connection and stream (the DESCRIBE, or the first SETUP of a
 * client that skips DESCRIBE). The viewer carries the stream's query ({@code ?token=…}, see
 * {@link io.cascade.rtsp.RtspTarget#parameter}), its address, User-Agent and a way to disconnect
 * it later; sessions know the protocol as {@link RtspViewer#PROTOCOL}.
 */
@FunctionalInterface
public interface PlayAdmission {
    /** Lets everyone play. */
    PlayAdmission ALLOW_ALL = (viewer, stream) -> CompletableFuture.completedFuture(null);

    /**
     * Completes normally to let {@code viewer} play {@code stream}, or fails with an
     * {@link RtspRefusal} (403, …) to refuse. Called on a network thread: must not block.
     */
    CompletableFuture<Void> admit(RtspViewer viewer, String stream);
}
