package io.cascade.hlspull;

import java.net.URI;

/** One {@code #EXT-X-STREAM-INF} of a master playlist: a media playlist and its peak bandwidth (bit/s). */
record Variant(URI uri, long bandwidth) {
}
