package io.cascade.amf;

import io.cascade.media.MediaFormatException;

/** AMF0 bytes that cannot be read: truncated, nested too deep, or of an unsupported type. */
public final class Amf0Exception extends MediaFormatException {
    public Amf0Exception(String message) {
        super(message);
    }

    public Amf0Exception(String what, long offset, String expected) {
        super(what, offset, expected);
    }
}
