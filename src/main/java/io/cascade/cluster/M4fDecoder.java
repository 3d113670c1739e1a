package io.cascade.cluster;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Reads the messages of one M4F response and verifies each one's MAC before handing it out, so
 * nothing a relay altered, dropped, repeated or reordered is ever acted on. Blocking: callers
 * are virtual threads.
 */
public final class M4fDecoder {
    private final DataInputStream in;
    private final M4fSessionMac mac;

    public M4fDecoder(InputStream in, byte[] sessionKey) {
        this.in = new DataInputStream(in);
        this.mac = new M4fSessionMac(sessionKey);
    }

    /** The next verified message; EOFException at a clean end between messages. */
    public M4fMessage next() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("end of M4F stream");
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new M4fProtocolException("truncated message header");
        }
        if (length < 0 || length > M4fMessage.MAX_PAYLOAD) {
            throw new M4fProtocolException("message length " + length + " out of range");
        }
        if (M4fMessage.TYPES.indexOf(type) < 0) {
            throw new M4fProtocolException("unknown message type 0x" + Integer.toHexString(type));
        }
        byte[] payload = readFully(length, "truncated message");
        byte[] tag = readFully(M4fSessionMac.TAG, "truncated message MAC");
        long sequence = mac.sequence();
        if (!MessageDigest.isEqual(tag, mac.next(M4fEncoder.header((char) type, length), payload))) {
            throw new M4fProtocolException("message " + sequence + " ('" + (char) type + "', " + length
                    + " bytes) fails its MAC: altered, dropped, repeated or forged on the way");
        }
        return new M4fMessage((char) type, payload);
    }

    private byte[] readFully(int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new M4fProtocolException(what + ": " + b.length + " of " + n + " bytes");
        }
        return b;
    }
}
