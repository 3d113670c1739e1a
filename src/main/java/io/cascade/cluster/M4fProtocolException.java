package io.cascade.cluster;

import java.io.IOException;

/** A peer sent bytes that break the M4F protocol: the connection is dropped and retried later. */
public final class M4fProtocolException extends IOException {
    public M4fProtocolException(String message) {
        super(message);
    }
}
