package io.cascade.rtp;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.Base64;
import java.util.List;

/**
 * One track's RTP payload format: how its frames become packet payloads and how SDP describes
 * them. One per track of a stream, used by one thread at a time.
 */
public interface RtpPacketizer {
    /** Payload bytes per packet when nothing else is said: an Ethernet MTU less IP, UDP, RTP and TCP framing. */
    int DEFAULT_MAX_PAYLOAD = 1400;

    /** Ticks per second of the RTP timestamps. */
    int clockRate();

    /** The {@code a=rtpmap} encoding, e.g. {@code H264/90000}. */
    String encoding();

    /** The {@code a=fmtp} parameters, without the payload type. */
    String formatParameters();

    /**
     * The packet payloads of one frame, in order; the last carries the marker bit. Empty for a
     * frame with nothing to send (only access unit delimiters).
     *
     * @throws RtpFormatException when the frame's bytes break its format (a NAL length past the end)
     */
    List<RtpChunk> packetize(Frame frame) throws RtpFormatException;

    /** The payload format of {@code track}, packets at most {@code maxPayload} bytes of payload. */
    static RtpPacketizer of(Track track, int maxPayload) {
        return switch (track.codec()) {
            case H264 -> new H264Packetizer(io.cascade.codec.AvcConfig.of(track), maxPayload);
            case H265 -> new H265Packetizer(io.cascade.codec.HevcConfig.of(track), maxPayload);
            case AAC -> new AacPacketizer(track, maxPayload);
        };
    }

    /** A frame's 90 kHz time as an RTP timestamp of {@code clockRate}: modulo 2^32, so absolute UTC times wrap alike everywhere. */
    static long timestamp(long ticks90k, int clockRate) {
        return io.cascade.media.Timebase.rescale(ticks90k, io.cascade.media.Timebase.HZ, clockRate) & 0xffffffffL;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
