/**
 * {@code hls://} input: pulls a live HLS stream from another server. The playlist wire format
 * ({@link io.cascade.hlspull.PlaylistParser}, master and media playlists, RFC 8216) apart from the
 * input that follows a sliding playlist and feeds its TS or fMP4 segments to the stream
 * ({@link io.cascade.hlspull.HlsPullInput}).
 */
package io.cascade.hlspull;
