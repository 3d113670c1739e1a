/**
 * The HTTP listener: one Netty server on which every HTTP protocol (HLS, DASH, the JSON API, and
 * later M4F) is a {@link io.cascade.http.Route}. Handlers run on the event loop and must not
 * block; work that waits goes elsewhere and replies through {@link io.cascade.http.HttpExchange}.
 * This layer owns what every response shares (Date, CORS, Range, HEAD, gzip of text) and the
 * clocks of a connection ({@link io.cascade.http.HttpLimits}); it knows Netty and the media core
 * only, stream lookup lives above it in {@code httpstream}.
 */
package io.cascade.http;
