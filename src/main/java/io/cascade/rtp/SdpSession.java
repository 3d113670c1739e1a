package io.cascade.rtp;

import java.util.List;

/**
 * What a receiver reads from a server's SDP (RFC 4566): the session's control URL and its media
 * sections.
 *
 * @param control the session-level {@code a=control}, empty when absent
 * @param media   the media sections, in order
 */
public record SdpSession(String control, List<SdpMedia> media) {
    public SdpSession {
        media = List.copyOf(media);
    }
}
