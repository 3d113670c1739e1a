/**
 * HTTP wired to streams: what every stream route (HLS, DASH) does before it answers — find the
 * stream a URL names, wait for it to be ready, move slow work off the event loop. It sits above
 * {@code http}, which knows only Netty and the media core, and above {@code stream}.
 */
package io.cascade.httpstream;
