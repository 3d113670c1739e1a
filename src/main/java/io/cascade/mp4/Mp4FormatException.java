package io.cascade.mp4;

import java.io.IOException;

/** The bytes are not a well-formed ISO BMFF structure (truncated, inconsistent or garbage). */
public class Mp4FormatException extends IOException {
    public Mp4FormatException(String message) {
        super(message);
    }
}
