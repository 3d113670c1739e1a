package io.cascade.rtspinput;

/**
 * Resolves an SDP {@code a=control} against the session's base URL (RFC 2326 C.1.1): an absolute
 * URL as it is, {@code *} or nothing as the base, anything else relative to the base — appended
 * after a {@code /}, as cameras and servers expect, rather than replacing its last segment.
 */
final class ControlUrl {
    private ControlUrl() {
    }

    static String resolve(String base, String control) {
        String c = control == null ? "" : control.trim();
        if (c.regionMatches(true, 0, "rtsp://", 0, 7) || c.regionMatches(true, 0, "rtsps://", 0, 8)) {
            return c;
        }
        if (c.isEmpty() || c.equals("*")) {
            return base;
        }
        if (c.startsWith("/")) {
            int authorityEnd = base.indexOf('/', base.indexOf("//") + 2);
            return (authorityEnd < 0 ? base : base.substring(0, authorityEnd)) + c;
        }
        return base.endsWith("/") ? base + c : base + "/" + c;
    }
}
