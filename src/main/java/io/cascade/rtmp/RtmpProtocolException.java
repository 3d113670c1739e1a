package io.cascade.rtmp;

import java.io.IOException;

/** The peer broke the RTMP protocol (bad handshake, impossible sizes, garbage); its connection is closed. */
public final class RtmpProtocolException extends IOException {
    public RtmpProtocolException(String message) {
        super(message);
    }

    public RtmpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
