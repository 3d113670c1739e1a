package io.cascade.rtp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One media section of a received SDP, for its first payload type.
 *
 * @param kind        {@code video}, {@code audio} …
 * @param payloadType the payload type of the first format of the {@code m=} line
 * @param encoding    the {@code a=rtpmap} encoding name, upper case (H264, H265, MPEG4-GENERIC, MP4A-LATM)
 * @param clockRate   the rtpmap clock rate
 * @param channels    the rtpmap channel count, 1 when absent
 * @param format      the {@code a=fmtp} parameters, names lower case
 * @param control     the {@code a=control} attribute, empty when absent
 */
public record SdpMedia(String kind, int payloadType, String encoding, int clockRate, int channels,
                       Map<String, String> format, String control) {
    public SdpMedia {
        format = Map.copyOf(format);
        encoding = encoding.toUpperCase(Locale.ROOT);
    }

    public Optional<String> formatParameter(String name) {
        return Optional.ofNullable(format.get(name.toLowerCase(Locale.ROOT)));
    }
}
