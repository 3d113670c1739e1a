package io.cascade.cluster;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Proofs of the shared {@code cluster_key} for cluster requests. The key itself never crosses the
 * network: a request carries its time, a random nonce and an HMAC-SHA256 over method, path (with
 * query), time and nonce. The receiver checks the time is recent and the nonce unseen, so a
 * recorded request cannot be played again, and compares MACs in constant time.
 */
public final class ClusterAuth {
    public static final String TIME_HEADER = "X-Cascade-Time";
    public static final String NONCE_HEADER = "X-Cascade-Nonce";
    public static final String MAC_HEADER = "X-Cascade-Auth";
    /** How far a request's time may be from ours: clocks of a cluster are NTP-synchronised. */
    static final long MAX_SKEW_MILLIS = 30_000;
    private static final int MAX_REMEMBERED_NONCES = 100_000;

    private final byte[] key;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    /** Nonces seen within the skew window, oldest first; a nonce is refused while remembered. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    public ClusterAuth(String key) {
        this(key, System::currentTimeMillis);
    }

    ClusterAuth(String key, LongSupplier clockMillis) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("cluster key is empty");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.clock = clockMillis;
    }

    /** The headers that prove the key for one request. */
    public Map<String, String> sign(String method, String pathAndQuery) {
        String time = Long.toString(clock.getAsLong());
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        return Map.of(TIME_HEADER, time, NONCE_HEADER, nonce, MAC_HEADER, mac(method, pathAndQuery, time, nonce));
    }

    /**
     * Checks a request's proof; empty when valid, else the reason (for the log: it never
     * contains the key or the MAC).
     */
    public Optional<String> verify(String method, String pathAndQuery, String time, String nonce, String mac) {
        if (time == null || nonce == null || mac == null) {
            return Optional.of("no cluster credentials");
        }
        long t;
        try {
            t = Long.parseLong(time);
        } catch (NumberFormatException e) {
            return Optional.of("malformed time");
        }
        long now = clock.getAsLong();
        if (Math.abs(now - t) > MAX_SKEW_MILLIS) {
            return Optional.of("request time is " + (now - t) + " ms off");
        }
        if (nonce.length() != 32 || !nonce.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.of("malformed nonce");
        }
        byte[] expected = mac(method, pathAndQuery, time, nonce).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, mac.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("wrong cluster key");
        }
        synchronized (seen) {
            seen.values().removeIf(at -> now - at > 2 * MAX_SKEW_MILLIS);
            if (seen.containsKey(nonce)) {
                return Optional.of("replayed request");
            }
            if (seen.size() >= MAX_REMEMBERED_NONCES) {
                return Optional.of("too many requests");
            }
            seen.put(nonce, now);
        }
        return Optional.empty();
    }

    private String mac(String method, String pathAndQuery, String time, String nonce) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            String message = method + "\n" + pathAndQuery + "\n" + time + "\n" + nonce;
            return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
