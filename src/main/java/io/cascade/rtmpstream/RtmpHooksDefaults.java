package io.cascade.rtmpstream;

import io.cascade.rtmp.PlayAnswer;
import io.cascade.rtmp.PlayerRequest;
import io.cascade.rtmp.RtmpHooks;

import java.util.concurrent.CompletableFuture;

/** Reaches {@link RtmpHooks}'s default play of a hook that overrides it. */
final class RtmpHooksDefaults {
    private RtmpHooksDefaults() {
    }

    static CompletableFuture<PlayAnswer> play(RtmpHooks hooks, PlayerRequest r) {
        return CompletableFuture.completedFuture(hooks.play(r.app(), r.name(), r.clientIp())
                .<PlayAnswer>map(f -> new PlayAnswer.Play(f, io.cascade.rtmp.PlayingViewer.NONE))
                .orElse(new PlayAnswer.NotFound()));
    }
}
