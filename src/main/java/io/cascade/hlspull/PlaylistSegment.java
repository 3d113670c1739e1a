package io.cascade.hlspull;

import java.net.URI;
import java.util.Optional;

/**
 * One segment of a media playlist.
 *
 * @param sequence      its media sequence number
 * @param uri           where it is, resolved against the playlist
 * @param duration      its {@code #EXTINF} in seconds
 * @param discontinuity an {@code #EXT-X-DISCONTINUITY} comes before it
 * @param map           the {@code #EXT-X-MAP} init segment in force (fMP4), if any
 */
record PlaylistSegment(long sequence, URI uri, double duration, boolean discontinuity, Optional<URI> map) {
}
