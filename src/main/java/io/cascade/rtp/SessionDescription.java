package io.cascade.rtp;

import java.util.List;

/**
 * The SDP (RFC 4566) of a live RTP session, as RTSP's DESCRIBE answers it: one media section per
 * track, each with its payload format and a control URL relative to the session's (RFC 2326 C.1.1).
 *
 * @param sessionId   the {@code o=} session id, a number
 * @param version     the {@code o=} version: rises when the description changes
 * @param address     the server's IPv4 or IPv6 address for {@code o=}
 * @param name        the session name ({@code s=}): the stream's
 * @param media       the media sections
 */
public record SessionDescription(long sessionId, long version, String address, String name, List<Media> media) {

    /**
     * One media section.
     *
     * @param kind        {@code video} or {@code audio}
     * @param payloadType the dynamic payload type, 96..127
     * @param packetizer  the payload format
     * @param control     the track's control URL, relative
     */
    public record Media(String kind, int payloadType, RtpPacketizer packetizer, String control) {
    }

    public SessionDescription {
        media = List.copyOf(media);
        if (name.isBlank() || name.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("session name must be printable text");
        }
    }

    /** The SDP text, lines ending in CRLF. */
    public String text() {
        String family = address.contains(":") ? "IP6" : "IP4";
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- ").append(sessionId).append(' ').append(version).append(" IN ").append(family).append(' ')
                .append(address).append("\r\n")
                .append("s=").append(name).append("\r\n")
                .append("c=IN ").append(family).append(' ').append(family.equals("IP6") ? "::" : "0.0.0.0").append("\r\n")
                .append("t=0 0\r\n")
                .append("a=tool:Cascade\r\n")
                .append("a=range:npt=now-\r\n")
                .append("a=control:*\r\n");
        for (Media m : media) {
            sdp.append("m=").append(m.kind()).append(" 0 RTP/AVP ").append(m.payloadType()).append("\r\n")
                    .append("a=rtpmap:").append(m.payloadType()).append(' ').append(m.packetizer().encoding()).append("\r\n")
                    .append("a=fmtp:").append(m.payloadType()).append(' ').append(m.packetizer().formatParameters())
                    .append("\r\n")
                    .append("a=control:").append(m.control()).append("\r\n");
        }
        return sdp.toString();
    }
}
