package io.cascade.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request and the means to answer it, possibly later and from another thread (the
 * reply is handed to the channel's event loop).
 */
public final class HttpExchange {
    private final ChannelHandlerContext ctx;
    private final HttpMethod method;
    private final String path;
    private final Map<String, List<String>> query;
    private final boolean keepAlive;
    private final String client;
    private HttpHeaders headers = EmptyHttpHeaders.INSTANCE;
    private String uri = "/";

    HttpExchange(ChannelHandlerContext ctx, HttpMethod method, String path, Map<String, List<String>> query,
                 boolean keepAlive) {
        this.ctx = ctx;
        this.method = method;
        this.path = path;
        this.query = query;
        this.keepAlive = keepAlive;
        this.client = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    static HttpExchange of(ChannelHandlerContext ctx, HttpMethod method, String uri, boolean keepAlive) {
        QueryStringDecoder d = new QueryStringDecoder(uri);
        HttpExchange ex = new HttpExchange(ctx, method, d.path(), d.parameters(), keepAlive);
        ex.uri = uri;
        return ex;
    }

    HttpExchange withHeaders(HttpHeaders requestHeaders) {
        this.headers = requestHeaders;
        return this;
    }

    /** A request header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The request target as sent: path and query, still encoded. */
    public String uri() {
        return uri;
    }

    /** The first value of a query parameter. */
    public java.util.Optional<String> param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v.get(0));
    }

    /**
     * Starts a response of unknown length whose body is written piece by piece as it is made
     * (cluster push); the connection closes when it ends.
     */
    public StreamingReply startStreaming(String contentType) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        StreamingReply reply = new StreamingReply(ctx.channel());
        reply.execute(() -> ctx.writeAndFlush(r));
        return reply;
    }

    /** The decoded path, always starting with '/'. */
    public String path() {
        return path;
    }

    public HttpMethod method() {
        return method;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    /** The viewer's IP address. */
    public String client() {
        return client;
    }

    public void send(HttpResponseStatus status, String contentType, ByteBuf body, String cacheControl) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                method == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        if (method == HttpMethod.HEAD) {
            body.release();
        }
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        Runnable write = () -> {
            var f = ctx.writeAndFlush(r);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        };
        if (ctx.executor().inEventLoop()) {
            write.run();
        } else {
            ctx.executor().execute(write);
        }
    }

    public void sendBytes(String contentType, byte[] body, String cacheControl) {
        send(HttpResponseStatus.OK, contentType, Unpooled.wrappedBuffer(body), cacheControl);
    }

    /** A body shared by many viewers: written with sendfile when it can be, never copied per request. */
    public void sendShared(String contentType, SharedBody body, String cacheControl) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.size())
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        Runnable write = () -> {
            // Corked, the header and the file leave in full packets, as nginx's tcp_nopush does.
            var epoll = ctx.channel() instanceof io.netty.channel.epoll.EpollSocketChannel e ? e : null;
            if (epoll != null) {
                epoll.config().setTcpCork(true);
            }
            ctx.write(r);
            if (method != HttpMethod.HEAD) {
                ctx.write(body.content());
            }
            var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (epoll != null) {
                f.addListener(done -> epoll.config().setTcpCork(false));
            }
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        };
        if (ctx.executor().inEventLoop()) {
            write.run();
        } else {
            ctx.executor().execute(write);
        }
    }

    public void sendText(String contentType, String body) {
        send(HttpResponseStatus.OK, contentType, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), "no-cache");
    }

    /** An error as a small JSON document: {"error": "..."}. */
    public void sendError(HttpResponseStatus status, String message) {
        String json = "{\"error\":" + JsonText.quote(message) + "}";
        send(status, "application/json", Unpooled.copiedBuffer(json, StandardCharsets.UTF_8), "no-cache");
    }
}
