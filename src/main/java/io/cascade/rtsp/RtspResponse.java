package io.cascade.rtsp;

/**
 * An RTSP response.
 *
 * @param status the status code
 * @param reason the reason phrase
 */
public record RtspResponse(String version, int status, String reason, RtspHeaders headers, byte[] body)
        implements RtspMessage {

    public RtspResponse(int status, RtspHeaders headers, byte[] body) {
        this(RtspVersion.V1_0, status, RtspStatus.reason(status), headers, body);
    }
}
