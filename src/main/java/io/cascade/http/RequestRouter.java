package io.cascade.http;

import io.cascade.net.PeerText;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Hands each request to the first route that takes it; 404 when none does. Answers CORS
 * preflights ({@code OPTIONS}, any path) itself; other methods than GET and HEAD get 405, except
 * DELETE and POST under {@code /streamer/api/v3/sessions/}.
 */
@ChannelHandler.Sharable
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);

    private final List<Route> routes;
    /** Cluster peers POST their session reports (bounded by the aggregator's request size). */

    RequestRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpExchange ex;
        try {
            ex = HttpExchange.of(ctx, req.method(), req.uri(), keepAlive).withHeaders(req.headers());
        } catch (IllegalArgumentException badUri) {
            HttpExchange.of(ctx, req.method(), "/", false).sendError(HttpResponseStatus.BAD_REQUEST, "bad request URI");
            return;
        }
        if (!req.decoderResult().isSuccess()) {
            // The decoder discards everything after a bad request: the connection is done.
            HttpExchange.of(ctx, req.method(), "/", false).sendError(HttpResponseStatus.BAD_REQUEST, "malformed request");
            return;
        }
        if (req.method() == HttpMethod.OPTIONS) {
            ex.sendNoContent(Cors.preflight(req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)));
            return;
        }
        boolean write = req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD;
        if (write && routes.stream().noneMatch(Route::takesWrites)) {
            ex.sendError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed",
                    new DefaultHttpHeaders().set(HttpHeaderNames.ALLOW, Cors.METHODS));
            return;
        }
        if (!Paths.isSafe(ex.path())) {
            ex.sendError(HttpResponseStatus.BAD_REQUEST, "bad path");
            return;
        }
        if (write) {
            ex.withBody(io.netty.buffer.ByteBufUtil.getBytes(req.content()));
        }
        try {
            for (Route r : routes) {
                if ((!write || r.takesWrites()) && r.handle(ex)) {
                    return;
                }
            }
            if (write) {
                ex.sendError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed",
                        new DefaultHttpHeaders().set(HttpHeaderNames.ALLOW, Cors.METHODS));
                return;
            }
            ex.sendError(HttpResponseStatus.NOT_FOUND, "not found");
        } catch (Exception e) {
            log.warn("{} {}: {}", req.method(), PeerText.escape(ex.path()), e.toString(), e);
            ex.sendError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
