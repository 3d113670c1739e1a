package io.cascade.rtmp;

/** What the server does with a player's {@code play}. */
public sealed interface PlayAnswer {
    /**
     * Play {@code feed}. {@code viewer} hears when the connection ends and can end it.
     */
    record Play(PlaybackFeed feed, PlayingViewer viewer) implements PlayAnswer {
    }

    /** Refuse with {@code NetStream.Play.StreamNotFound}. */
    record NotFound() implements PlayAnswer {
    }

    /** Refuse with {@code NetStream.Play.Failed} and {@code reason}, then close the connection. */
    record Failed(String reason) implements PlayAnswer {
    }
}
