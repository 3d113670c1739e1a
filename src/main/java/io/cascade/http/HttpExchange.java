package io.cascade.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and the means to answer it, possibly later and from another thread (the
 * reply is handed to the channel's event loop).
 *
 * <p>How a body goes out depends on its content type. Text (playlists, manifests, JSON) is
 * made per request: it is gzipped when the request accepts gzip, and a {@code Range} on it is
 * ignored. Anything else (segments, init segments) is the same bytes for every viewer: it
 * honours a single {@code Range} (206, or 416 past its end) and is never compressed. A
 * {@code HEAD} gets the headers a {@code GET} would, without the body.
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
    private byte[] body = new byte[0];

    /** The status and the part of a body that one response sends. */
    private record Slice(HttpResponseStatus status, long first, long length) {
    }

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

    HttpExchange withBody(byte[] requestBody) {
        this.body = requestBody;
        return this;
    }

    /** The request body (a POST's), empty when none. */
    public byte[] body() {
        return body;
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
    public Optional<String> param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * Starts a response of unknown length whose body is written piece by piece as it is made
     * (cluster push); the connection closes when it ends. A HEAD gets the headers and the end.
     */
    public StreamingReply startStreaming(String contentType) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        StreamingReply reply = new StreamingReply(ctx.channel());
        reply.execute(() -> ctx.writeAndFlush(r));
        if (method == HttpMethod.HEAD) {
            reply.end();
        }
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

    /** A whole body as it is: no compression, no range. */
    public void send(HttpResponseStatus status, String contentType, ByteBuf body, String cacheControl) {
        sendFull(status, contentType, body, cacheControl, EmptyHttpHeaders.INSTANCE);
    }

    /** Text is compressed when asked for, anything else may be asked for in part (see the class comment). */
    public void sendBytes(String contentType, byte[] body, String cacheControl) {
        if (Gzip.suits(contentType)) {
            sendCompressible(contentType, body, cacheControl);
            return;
        }
        HttpHeaders extra = new DefaultHttpHeaders();
        Slice s = slice(body.length, extra);
        if (s != null) {
            sendFull(s.status(), contentType, Unpooled.wrappedBuffer(body, (int) s.first(), (int) s.length()),
                    cacheControl, extra);
        }
    }

    /**
     * A body shared by many viewers: written with sendfile when it can be, never copied per
     * request; a range of it is a region of the same file.
     */
    public void sendShared(String contentType, SharedBody body, String cacheControl) {
        HttpHeaders extra = new DefaultHttpHeaders();
        Slice s = slice(body.size(), extra);
        if (s == null) {
            return;
        }
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, s.status());
        describe(r.headers(), contentType, s.length(), cacheControl).add(extra);
        onEventLoop(() -> {
            // Corked, the header and the file leave in full packets, as nginx's tcp_nopush does.
            EpollSocketChannel epoll = ctx.channel() instanceof EpollSocketChannel e ? e : null;
            if (epoll != null) {
                epoll.config().setTcpCork(true);
            }
            ctx.write(r);
            if (method != HttpMethod.HEAD && s.length() > 0) {
                ctx.write(body.content(s.first(), s.length()));
            }
            ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (epoll != null) {
                f.addListener(done -> epoll.config().setTcpCork(false));
            }
            closeUnlessKeepAlive(f);
        });
    }

    public void sendText(String contentType, String body) {
        sendBytes(contentType, body.getBytes(StandardCharsets.UTF_8), "no-cache");
    }

    /** An error as a small JSON document: {"error": "..."}. */
    public void sendError(HttpResponseStatus status, String message) {
        sendError(status, message, EmptyHttpHeaders.INSTANCE);
    }

    void sendError(HttpResponseStatus status, String message, HttpHeaders extra) {
        String json = "{\"error\":" + JsonText.quote(message) + "}";
        sendFull(status, "application/json", Unpooled.copiedBuffer(json, StandardCharsets.UTF_8), "no-cache", extra);
    }

    /** 204 with these headers (a CORS preflight's answer). */
    void sendNoContent(HttpHeaders extra) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        r.headers().add(extra);
        keepAliveHeader(r.headers());
        onEventLoop(() -> closeUnlessKeepAlive(ctx.writeAndFlush(r)));
    }

    private void sendCompressible(String contentType, byte[] body, String cacheControl) {
        HttpHeaders extra = new DefaultHttpHeaders().set(HttpHeaderNames.VARY, "Accept-Encoding");
        byte[] out = body;
        if (body.length >= Gzip.MIN_SIZE && Gzip.accepted(header(HttpHeaderNames.ACCEPT_ENCODING.toString()))) {
            // Tens of microseconds for a playlist, so fine on the event loop; big manifests are made off it.
            out = Gzip.compress(body);
            extra.set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        sendFull(HttpResponseStatus.OK, contentType, Unpooled.wrappedBuffer(out), cacheControl, extra);
    }

    /**
     * What part of a body of {@code size} bytes to send, with its headers added to {@code extra};
     * null after answering 416. Range is defined for GET only (RFC 9110 section 14.2).
     */
    private Slice slice(long size, HttpHeaders extra) {
        extra.set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        ByteRange.Answer answer = method == HttpMethod.GET
                ? ByteRange.of(header("Range"), header("If-Range"), size) : new ByteRange.Whole();
        return switch (answer) {
            case ByteRange.Whole w -> new Slice(HttpResponseStatus.OK, 0, size);
            case ByteRange.Part p -> {
                extra.set(HttpHeaderNames.CONTENT_RANGE, p.range().contentRange(size));
                yield new Slice(HttpResponseStatus.PARTIAL_CONTENT, p.range().first(), p.range().length());
            }
            case ByteRange.Unsatisfiable u -> {
                extra.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
                sendError(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable", extra);
                yield null;
            }
        };
    }

    private void sendFull(HttpResponseStatus status, String contentType, ByteBuf body, String cacheControl,
                          HttpHeaders extra) {
        int length = body.readableBytes();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                method == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : body);
        if (method == HttpMethod.HEAD) {
            body.release();
        }
        describe(r.headers(), contentType, length, cacheControl).add(extra);
        onEventLoop(() -> closeUnlessKeepAlive(ctx.writeAndFlush(r)));
    }

    private HttpHeaders describe(HttpHeaders h, String contentType, long length, String cacheControl) {
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        return keepAliveHeader(h);
    }

    private HttpHeaders keepAliveHeader(HttpHeaders h) {
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return h;
    }

    private void closeUnlessKeepAlive(ChannelFuture f) {
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void onEventLoop(Runnable write) {
        if (ctx.executor().inEventLoop()) {
            write.run();
        } else {
            ctx.executor().execute(write);
        }
    }
}
