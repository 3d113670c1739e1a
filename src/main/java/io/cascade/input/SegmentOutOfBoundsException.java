package io.cascade.input;

import java.io.IOException;

/**
 * A peer sent a segment no stream could have made (it starts far ahead of this server's clock,
 * or lasts no time or far too long): nothing of it is stored, and the input drops that peer.
 */
public final class SegmentOutOfBoundsException extends IOException {
    public SegmentOutOfBoundsException(String message) {
        super(message);
    }
}
