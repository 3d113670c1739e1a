package io.cascade.rtsp;

/**
 * What the decoder passes on instead of a message when the bytes cannot be one: the status to
 * answer and why. The decoder reads nothing more from that connection afterwards.
 */
public record RtspDecodeError(int status, String reason) {
}
