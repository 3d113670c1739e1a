/**
 * HLS (RFC 8216) playlist text, generated as pure functions of a stream's live window.
 *
 * <p>Segment URIs carry the segment's UTC start and duration ({@link io.cascade.hls.SegmentNames}),
 * the form the reference product uses, so existing players, caches and monitoring keep working.
 * Serving the text over HTTP is done elsewhere.
 */
package io.cascade.hls;
