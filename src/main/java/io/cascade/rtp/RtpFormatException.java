package io.cascade.rtp;

/** Bytes that are no valid RTP or RTCP packet. */
public final class RtpFormatException extends Exception {
    public RtpFormatException(String message) {
        super(message);
    }
}
