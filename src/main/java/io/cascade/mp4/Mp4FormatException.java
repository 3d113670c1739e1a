package io.cascade.mp4;

import io.cascade.media.MediaFormatException;

/** The bytes are not a well-formed ISO BMFF structure (truncated, inconsistent or garbage). */
public class Mp4FormatException extends MediaFormatException {
    public Mp4FormatException(String message) {
        super(message);
    }

    public Mp4FormatException(String what, long offset, String expected) {
        super(what, offset, expected);
    }
}
