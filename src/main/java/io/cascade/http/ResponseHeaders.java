package io.cascade.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;

import java.time.Clock;

/**
 * Adds what every response carries, whoever made it (a route, or Netty's own answers such as
 * 413): {@code Date} (RFC 9110 requires it of a server with a clock; players sync on it) and
 * the CORS headers.
 */
@ChannelHandler.Sharable
final class ResponseHeaders extends ChannelOutboundHandlerAdapter {
    private final HttpDate date;

    ResponseHeaders(Clock clock) {
        this.date = new HttpDate(clock);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            if (!r.headers().contains(HttpHeaderNames.DATE)) {
                r.headers().set(HttpHeaderNames.DATE, date.now());
            }
            Cors.addTo(r.headers());
        }
        ctx.write(msg, promise);
    }
}
