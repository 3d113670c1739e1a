package io.cascade.rtsp;

/** Why a stream is not played to a viewer, as the status RTSP answers (404, 403, 503 …). */
public final class RtspRefusal extends RuntimeException {
    private final int status;

    public RtspRefusal(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
