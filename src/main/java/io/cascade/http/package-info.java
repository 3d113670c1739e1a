/**
 * The HTTP listener: one Netty server on which every HTTP protocol (HLS, DASH, the JSON API, and
 * later M4F) is a {@link io.cascade.http.Route}. Handlers run on the event loop and must not
 * block; work that waits goes elsewhere and replies through {@link io.cascade.http.HttpExchange}.
 */
package io.cascade.http;
