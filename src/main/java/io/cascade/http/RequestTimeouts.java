package io.cascade.http;

import io.cascade.net.RateLimitedLog;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clocks of one HTTP connection (see {@link HttpLimits}). A connection is always in one of
 * three states: reading a request (bounded by {@code request}, from the connection or from the
 * first byte of the request, never restarted), serving one or more requests (no clock: a pushed
 * stream lasts as long as it lasts, only a response the client stops reading is cut), or idle
 * between requests (bounded by {@code keepAlive}).
 *
 * <p>It needs three places in the pipeline: {@link #bytes()} and {@link #stalls()} before the
 * HTTP codec see that a request has begun and that output makes no progress; {@link #messages()}
 * after the aggregator sees the end of each request the router answers and of its response.
 */
final class RequestTimeouts {
    private static final Logger log = LoggerFactory.getLogger(RequestTimeouts.class);
    private static final RateLimitedLog CUT = new RateLimitedLog(log, 10_000);

    private enum State { READING, SERVING, IDLE }

    private final HttpLimits limits;
    private State state = State.READING;
    /** Requests read whose response has not ended yet (more than one when pipelined). */
    private int unanswered;
    /** Whether the next request began while the previous one was being answered. */
    private boolean begunWhileServing;
    /** When the running clock runs out ({@link System#nanoTime()}); 0 while none runs (serving). */
    private long deadline;
    /**
     * The one timer of the connection, due at {@code checkAt}, never later than {@code deadline}.
     * Clocks are moved by setting {@code deadline} only: the timer, when it fires early, waits on,
     * so a kept-alive connection does not schedule and cancel timers on every request.
     */
    private ScheduledFuture<?> check;
    private long checkAt;
    private ChannelHandlerContext ctx;

    RequestTimeouts(HttpLimits limits) {
        this.limits = limits;
    }

    /** Goes before the codec: the first bytes of a request. */
    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext c) {
                ctx = c;
            }

            @Override
            public void channelActive(ChannelHandlerContext c) throws Exception {
                arm(limits.request());
                super.channelActive(c);
            }

            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
                if (state == State.IDLE) {
                    state = State.READING;
                    arm(limits.request());
                } else if (state == State.SERVING) {
                    begunWhileServing = true;
                }
                super.channelRead(c, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext c) throws Exception {
                cancel();
                stopTimer();
                super.channelInactive(c);
            }
        };
    }

    /** Goes before the codec too: notices a response the client does not read. */
    ChannelHandler stalls() {
        return new IdleStateHandler(true, 0, limits.send().toMillis(), 0, TimeUnit.MILLISECONDS);
    }

    /** Goes after the aggregator: the end of each request the router answers, and of each response. */
    ChannelHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
                if (msg instanceof LastHttpContent) {
                    unanswered++;
                    state = State.SERVING;
                    begunWhileServing = false;
                    cancel();
                }
                super.channelRead(c, msg);
            }

            @Override
            public void write(ChannelHandlerContext c, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof LastHttpContent && !isInformational(msg)) {
                    promise = promise.unvoid();
                    promise.addListener(f -> responseEnded());
                }
                super.write(c, msg, promise);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
                if (evt instanceof IdleStateEvent && state == State.SERVING && pendingBytes(c) > 0) {
                    CUT.info("HTTP connection from " + c.channel().remoteAddress() + " closed: it read nothing of"
                            + " its response for " + limits.send().toSeconds() + " s");
                    c.close();
                    return;
                }
                if (!(evt instanceof IdleStateEvent)) {
                    super.userEventTriggered(c, evt);
                }
            }
        };
    }

    private static boolean isInformational(Object msg) {
        return msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private static long pendingBytes(ChannelHandlerContext c) {
        ChannelOutboundBuffer out = c.channel().unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    private void responseEnded() {
        unanswered = Math.max(0, unanswered - 1);
        if (unanswered > 0 || !ctx.channel().isActive()) {
            return;
        }
        if (begunWhileServing) {
            state = State.READING;
            arm(limits.request());
        } else {
            state = State.IDLE;
            arm(limits.keepAlive());
        }
    }

    private void arm(Duration after) {
        deadline = System.nanoTime() + after.toNanos();
        if (check == null || checkAt - deadline > 0) {
            if (check != null) {
                check.cancel(false);
            }
            checkAt(deadline);
        }
    }

    private void checkAt(long at) {
        checkAt = at;
        check = ctx.executor().schedule(this::checkDeadline, at - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void checkDeadline() {
        check = null;
        if (deadline == 0 || !ctx.channel().isActive()) {
            return;
        }
        if (deadline - System.nanoTime() > 0) {
            checkAt(deadline);
            return;
        }
        if (state == State.READING) {
            CUT.info("HTTP connection from " + ctx.channel().remoteAddress() + " closed: no complete request within "
                    + limits.request().toMillis() + " ms");
        }
        ctx.close();
    }

    /** Stops the clock; the timer, if any, finds nothing to do. */
    private void cancel() {
        deadline = 0;
    }

    private void stopTimer() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
