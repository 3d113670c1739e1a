package io.cascade.rtmp;

import io.cascade.net.RateLimitedLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that holds a socket without doing its job: one that has not begun to
 * publish or play within {@link RtmpLimits#startTimeout()} of arriving (or of stopping), and a
 * publisher or pull that sends no complete audio or video message for
 * {@link RtmpLimits#mediaTimeout()}. Only complete media messages count, so trickling bytes,
 * pings or commands do not keep a connection alive. Players are bounded on the way out instead
 * ({@link RtmpFanout}: a viewer that stops reading is disconnected).
 *
 * <p>All its methods run on the connection's event loop.
 */
final class IdleConnectionGuard {
    private static final Logger log = LoggerFactory.getLogger(IdleConnectionGuard.class);
    /** Idle sockets are what a flood is made of: their closes are logged at most every 10 s. */
    private static final RateLimitedLog IDLE_CLOSES = new RateLimitedLog(log, 10_000);

    private final Duration startTimeout;
    private final Duration mediaTimeout;
    private ScheduledFuture<?> timer;
    private long lastMediaNanos;
    private boolean awaitingMedia;

    IdleConnectionGuard(RtmpLimits limits) {
        this.startTimeout = limits.startTimeout();
        this.mediaTimeout = limits.mediaTimeout();
    }

    /** The connection must begin to publish or play within the start timeout, or it is closed. */
    void awaitStart(ChannelHandlerContext ctx) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            IDLE_CLOSES.info("RTMP " + ctx.channel().remoteAddress() + ": did not publish or play within "
                    + startTimeout.toMillis() + " ms, closing");
            close(ctx);
        }, startTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Media is flowing in (a publisher, a pull): a silence longer than the media timeout closes it. */
    void awaitMedia(ChannelHandlerContext ctx) {
        cancel();
        awaitingMedia = true;
        lastMediaNanos = now(ctx);
        scheduleMediaCheck(ctx, mediaTimeout.toNanos());
    }

    /** A player: nothing is expected from it. */
    void playing() {
        cancel();
    }

    /** A complete audio or video message arrived. */
    void onMedia(ChannelHandlerContext ctx) {
        lastMediaNanos = now(ctx);
    }

    void cancel() {
        awaitingMedia = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void scheduleMediaCheck(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> checkMedia(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkMedia(ChannelHandlerContext ctx) {
        if (!awaitingMedia) {
            return;
        }
        long silent = now(ctx) - lastMediaNanos;
        if (silent >= mediaTimeout.toNanos()) {
            log.info("RTMP {}: sent no media for {} ms, closing", ctx.channel().remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(silent));
            close(ctx);
        } else {
            scheduleMediaCheck(ctx, mediaTimeout.toNanos() - silent);
        }
    }

    private void close(ChannelHandlerContext ctx) {
        timer = null;
        awaitingMedia = false;
        ctx.close();
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
