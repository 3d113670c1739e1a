package io.cascade.rtsp;

/**
 * An RTSP request.
 *
 * @param method  the method token, as sent (methods are case-sensitive)
 * @param uri     the request URI, as sent
 * @param version the protocol version, e.g. {@code RTSP/1.0}
 */
public record RtspRequest(String method, String uri, String version, RtspHeaders headers, byte[] body)
        implements RtspMessage {

    public RtspRequest(String method, String uri, RtspHeaders headers) {
        this(method, uri, RtspVersion.V1_0, headers, new byte[0]);
    }
}
