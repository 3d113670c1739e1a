package io.cascade.hlspull;

import java.util.List;

/**
 * A media playlist as read.
 *
 * @param targetDuration {@code #EXT-X-TARGETDURATION}, seconds
 * @param segments       its segments in order, numbered from {@code #EXT-X-MEDIA-SEQUENCE}
 * @param ended          {@code #EXT-X-ENDLIST}: no segment will be added
 */
record MediaPlaylist(long targetDuration, List<PlaylistSegment> segments, boolean ended) {
    MediaPlaylist {
        segments = List.copyOf(segments);
    }
}
