package io.cascade.cluster;

import javax.crypto.Mac;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The MACs of one M4F response, in order: message {@code i} carries the first {@link #TAG} bytes
 * of HMAC-SHA256(session key, i as 8 bytes, then the message's header and payload). The counter
 * is implicit, so a message altered, dropped, repeated or moved fails, and a reader can trust
 * every byte of a message it verified before it acts on it.
 */
final class M4fSessionMac {
    static final int TAG = 16;

    private final Mac mac;
    private long sequence;

    M4fSessionMac(byte[] sessionKey) {
        this.mac = ClusterAuth.newMac(sessionKey);
    }

    /** The tag of the next message, given as pieces of header and payload; counts it. */
    byte[] next(byte[]... pieces) {
        mac.update(ByteBuffer.allocate(8).putLong(sequence++).array());
        for (byte[] p : pieces) {
            mac.update(p);
        }
        return Arrays.copyOf(mac.doFinal(), TAG);
    }

    /** The number of the next message, from 0. */
    long sequence() {
        return sequence;
    }
}
