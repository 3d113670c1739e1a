package io.cascade.rtmp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest form of the RTMP handshake used by Flash-era players and some encoders: C1/S1
 * carry an HMAC-SHA256 over the packet (minus the digest itself) at a position given by four
 * offset bytes, in one of two layouts ("schemes"); S2 is signed with a key derived from the
 * client's digest. The keys are the well-known "Genuine Adobe" constants.
 */
final class HandshakeDigest {
    static final int PACKET_SIZE = 1536;
    static final int DIGEST_SIZE = 32;
    static final int PLAYER_KEY_PREFIX = 30;
    static final int SERVER_KEY_PREFIX = 36;
    static final byte[] PLAYER_KEY = key("Genuine Adobe Flash Player 001");
    static final byte[] SERVER_KEY = key("Genuine Adobe Flash Media Server 001");

    private HandshakeDigest() {
    }

    private static byte[] key(String text) {
        byte[] prefix = text.getBytes(StandardCharsets.US_ASCII);
        int[] tail = {0xF0, 0xEE, 0xC2, 0x4A, 0x80, 0x68, 0xBE, 0xE8, 0x2E, 0x00, 0xD0, 0xD1, 0x02, 0x9E, 0x7E, 0x57,
                0x6E, 0xEC, 0x5D, 0x2D, 0x29, 0x80, 0x6F, 0xAB, 0x93, 0xB8, 0xE6, 0x36, 0xCF, 0xEB, 0x31, 0xAE};
        byte[] key = Arrays.copyOf(prefix, prefix.length + tail.length);
        for (int i = 0; i < tail.length; i++) {
            key[prefix.length + i] = (byte) tail[i];
        }
        return key;
    }

    /**
     * Where the digest sits: scheme 0 has the digest block second (offset bytes at 772), scheme 1
     * first (offset bytes at 8); the offset is the sum of those four bytes modulo 728.
     */
    static int digestPosition(byte[] packet, int scheme) {
        int base = scheme == 0 ? 772 : 8;
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += packet[base + i] & 0xFF;
        }
        return base + 4 + sum % 728;
    }

    /** HMAC-SHA256 of the packet without its 32 digest bytes at {@code position}. */
    static byte[] digest(byte[] packet, int position, byte[] key, int keyLength) {
        Mac mac = mac(Arrays.copyOf(key, keyLength));
        mac.update(packet, 0, position);
        mac.update(packet, position + DIGEST_SIZE, packet.length - position - DIGEST_SIZE);
        return mac.doFinal();
    }

    /** The digest position in a client's C1 if it carries a valid player digest in either scheme, else -1. */
    static int findClientDigest(byte[] c1) {
        for (int scheme = 0; scheme <= 1; scheme++) {
            int position = digestPosition(c1, scheme);
            byte[] expected = digest(c1, position, PLAYER_KEY, PLAYER_KEY_PREFIX);
            if (MessageDigest.isEqual(expected, Arrays.copyOfRange(c1, position, position + DIGEST_SIZE))) {
                return position;
            }
        }
        return -1;
    }

    /** Writes the digest into the packet at the position its scheme gives; returns that position. */
    static int imprint(byte[] packet, int scheme, byte[] key, int keyLength) {
        int position = digestPosition(packet, scheme);
        System.arraycopy(digest(packet, position, key, keyLength), 0, packet, position, DIGEST_SIZE);
        return position;
    }

    /** The signature that ends S2: HMAC over its first 1504 bytes, keyed by HMAC(server key, client digest). */
    static byte[] s2Signature(byte[] s2, byte[] clientDigest) {
        byte[] key = mac(SERVER_KEY).doFinal(clientDigest);
        Mac mac = mac(key);
        mac.update(s2, 0, PACKET_SIZE - DIGEST_SIZE);
        return mac.doFinal();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
