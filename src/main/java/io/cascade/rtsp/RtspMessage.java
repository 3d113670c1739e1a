package io.cascade.rtsp;

/** An RTSP request or response (RFC 2326 4): a start line, header fields and an optional body. */
public sealed interface RtspMessage permits RtspRequest, RtspResponse {
    RtspHeaders headers();

    byte[] body();

    /** The CSeq this message carries, empty when it has none or it is no number. */
    default java.util.OptionalInt cseq() {
        String v = headers().get("CSeq").orElse("").trim();
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(Integer.parseInt(v));
    }
}
