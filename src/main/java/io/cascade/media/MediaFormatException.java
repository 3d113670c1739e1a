package io.cascade.media;

import java.io.IOException;

/**
 * Bytes that do not parse as the format they claim to be: truncated, inconsistent, out of range or
 * garbage. The one failure every container and codec parser raises for bad input, so a caller
 * handles hostile bytes with one {@code catch}, whatever format they came in. Parsers are bounds
 * checked, so no other exception (index, argument, array size, buffer underflow) escapes them.
 *
 * <p>Format-specific subclasses ({@code CodecFormatException}, {@code Mp4FormatException}, …)
 * say which parser failed; callers should not need them.
 */
public class MediaFormatException extends IOException {
    /** Offset meaning "not known" (e.g. a failure in a stream parser that counts no bytes). */
    public static final long UNKNOWN_OFFSET = -1;

    private final long offset;
    private final String expected;

    /** A failure whose message already says where and what. */
    public MediaFormatException(String message) {
        this(message, UNKNOWN_OFFSET, "");
    }

    public MediaFormatException(String message, Throwable cause) {
        this(message);
        initCause(cause);
    }

    /**
     * @param what     what was being read, e.g. "AudioSpecificConfig"
     * @param offset   byte offset of the failure within the parsed unit, or {@link #UNKNOWN_OFFSET}
     * @param expected what the parser expected to find there
     */
    public MediaFormatException(String what, long offset, String expected) {
        super(message(what, offset, expected));
        this.offset = offset;
        this.expected = expected;
    }

    /** Byte offset of the failure within the parsed unit, or {@link #UNKNOWN_OFFSET}. */
    public long offset() {
        return offset;
    }

    /** What the parser expected, empty when the message says it. */
    public String expected() {
        return expected;
    }

    private static String message(String what, long offset, String expected) {
        StringBuilder s = new StringBuilder(what);
        if (offset != UNKNOWN_OFFSET) {
            s.append(" at offset ").append(offset);
        }
        if (!expected.isEmpty()) {
            s.append(": expected ").append(expected);
        }
        return s.toString();
    }
}
