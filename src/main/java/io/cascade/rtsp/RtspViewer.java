package io.cascade.rtsp;

import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Who asks to play, as the admission of a stream sees them: where from, what, with which
 * client, and how to cut them off later (a session limit, a revoked token).
 *
 * @param target     the stream, query and control of the request URI
 * @param uri        the request URI as sent
 * @param clientIp   the client's address
 * @param userAgent  the User-Agent header, empty when none
 * @param disconnect closes the viewer's connection; safe to call from any thread, more than once
 * @param bytesSent  the bytes written to the viewer's connection so far (RTSP and interleaved RTP)
 * @param closed     completes when the viewer's connection has closed
 */
public record RtspViewer(RtspTarget target, String uri, String clientIp, String userAgent, Runnable disconnect,
                         LongSupplier bytesSent, CompletionStage<Void> closed) {
    /** The protocol name sessions and authorization backends know RTSP viewers by. */
    public static final String PROTOCOL = "rtsp";
}
