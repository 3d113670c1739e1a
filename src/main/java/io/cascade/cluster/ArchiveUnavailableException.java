package io.cascade.cluster;

import java.io.IOException;

/** The archive cannot be reached now (every host of its source failed or is known down): HTTP 503. */
public final class ArchiveUnavailableException extends IOException {
    public ArchiveUnavailableException(String message) {
        super(message);
    }
}
