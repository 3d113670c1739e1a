package io.cascade.rtmp;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** How the RTMP server asks the rest of Cascade for streams. Called on a network thread: must not block. */
public interface RtmpHooks {
    /**
     * A publisher wants {@code app}/{@code name} (query string removed); return a sink for its
     * media, or empty to refuse with {@code NetStream.Publish.BadName}.
     */
    Optional<PublishSession> publish(String app, String name, String clientIp);

    /**
     * A player wants {@code app}/{@code name}; names may carry the app ("static/cam1") or come
     * without one. Empty answers {@code NetStream.Play.StreamNotFound}. Return the same feed
     * instance for the same stream: viewers of one feed share its encoded bytes.
     */
    Optional<PlaybackFeed> play(String app, String name, String clientIp);

    /**
     * A player wants to play: may complete later, on any thread (an authorization backend is
     * asked). By default the stream {@link #play(String, String, String)} finds is played.
     */
    default CompletableFuture<PlayAnswer> play(PlayerRequest request) {
        PlayAnswer answer = play(request.app(), request.name(), request.clientIp())
                .<PlayAnswer>map(f -> new PlayAnswer.Play(f, PlayingViewer.NONE))
                .orElse(new PlayAnswer.NotFound());
        return CompletableFuture.completedFuture(answer);
    }
}
