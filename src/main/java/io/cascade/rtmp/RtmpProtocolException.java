package io.cascade.rtmp;

import io.cascade.media.MediaFormatException;

/**
 * The peer broke the RTMP protocol (bad handshake, impossible sizes, garbage, unreadable FLV
 * tags); its connection is closed. A {@link MediaFormatException}, so bad bytes from an RTMP peer
 * are caught like bad bytes from any container.
 */
public final class RtmpProtocolException extends MediaFormatException {
    public RtmpProtocolException(String message) {
        super(message);
    }

    public RtmpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
