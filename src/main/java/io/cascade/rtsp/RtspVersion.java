package io.cascade.rtsp;

/** The RTSP version this server speaks. */
final class RtspVersion {
    static final String V1_0 = "RTSP/1.0";

    private RtspVersion() {
    }

    /** RTSP/1.0 and any 1.x minor version are understood; 2.0 (RFC 7826) is not compatible on the wire. */
    static boolean supported(String version) {
        return version.startsWith("RTSP/1.");
    }
}
