package io.cascade.amf;

import java.io.IOException;

/** AMF0 bytes that cannot be read: truncated, nested too deep, or of an unsupported type. */
public final class Amf0Exception extends IOException {
    public Amf0Exception(String message) {
        super(message);
    }
}
