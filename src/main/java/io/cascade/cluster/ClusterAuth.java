package io.cascade.cluster;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Proofs of the shared {@code cluster_key} for cluster requests. The key itself never crosses the
 * network. The server first hands out a challenge that only it can have made (an HMAC under a
 * secret drawn when this object is made, so a restart forgets every earlier one); the request
 * then carries its time, a random nonce and an HMAC-SHA256 under the key over method, path (with
 * query), time, nonce and that challenge. A recorded request is thus refused by any other server
 * and by this one after a restart (the challenge is not theirs), and by this one before (the
 * nonce was seen, or the challenge is too old).
 *
 * <p>The same key, challenge and nonce give the session key that authenticates every M4F message
 * of the response ({@link #sessionKey}).
 */
public final class ClusterAuth {
    public static final String TIME_HEADER = "X-Cascade-Time";
    public static final String NONCE_HEADER = "X-Cascade-Nonce";
    public static final String CHALLENGE_HEADER = "X-Cascade-Challenge";
    public static final String MAC_HEADER = "X-Cascade-Auth";
    /** Every header of a request's proof. */
    public static final List<String> HEADERS = List.of(TIME_HEADER, NONCE_HEADER, CHALLENGE_HEADER, MAC_HEADER);
    /** How far a request's time may be from ours: clocks of a cluster are NTP-synchronised. */
    static final long MAX_SKEW_MILLIS = 30_000;
    /** How long a challenge may be used after it was handed out. */
    static final long CHALLENGE_MILLIS = 30_000;
    private static final int MAX_REMEMBERED_NONCES = 100_000;
    private static final int CHALLENGE_RANDOM = 8;
    private static final int CHALLENGE_TAG = 16;

    private final byte[] key;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    /** This server's secret for its challenges: new at each start. */
    private final byte[] challengeSecret = new byte[32];
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
        random.nextBytes(challengeSecret);
    }

    /** A new challenge of this server: 64 hex digits (issue time, random, tag). */
    public String challenge() {
        ByteBuffer b = ByteBuffer.allocate(8 + CHALLENGE_RANDOM + CHALLENGE_TAG).putLong(clock.getAsLong());
        byte[] r = new byte[CHALLENGE_RANDOM];
        random.nextBytes(r);
        b.put(r);
        b.put(challengeTag(Arrays.copyOf(b.array(), 8 + CHALLENGE_RANDOM)));
        return HexFormat.of().formatHex(b.array());
    }

    /** Why {@code challenge} is not a fresh one of this server, empty when it is. */
    private Optional<String> checkChallenge(String challenge, long now) {
        byte[] c;
        try {
            c = HexFormat.of().parseHex(challenge);
        } catch (IllegalArgumentException e) {
            return Optional.of("malformed challenge");
        }
        if (c.length != 8 + CHALLENGE_RANDOM + CHALLENGE_TAG) {
            return Optional.of("malformed challenge");
        }
        byte[] signed = Arrays.copyOf(c, 8 + CHALLENGE_RANDOM);
        if (!MessageDigest.isEqual(challengeTag(signed), Arrays.copyOfRange(c, signed.length, c.length))) {
            return Optional.of("challenge not issued by this server (another server, or before a restart)");
        }
        long issued = ByteBuffer.wrap(c).getLong();
        if (now - issued > CHALLENGE_MILLIS || issued > now) {
            return Optional.of("expired challenge");
        }
        return Optional.empty();
    }

    /** The headers that prove the key for one request answering {@code challenge}. */
    public Map<String, String> sign(String method, String pathAndQuery, String challenge) {
        String time = Long.toString(clock.getAsLong());
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        return Map.of(TIME_HEADER, time, NONCE_HEADER, nonce, CHALLENGE_HEADER, challenge,
                MAC_HEADER, mac(method, pathAndQuery, time, nonce, challenge));
    }

    /**
     * Checks a request's proof; empty when valid, else the reason (for the log only: it never
     * contains the key or the MAC, and the peer is not told).
     */
    public Optional<String> verify(String method, String pathAndQuery, Map<String, String> headers) {
        String time = headers.get(TIME_HEADER);
        String nonce = headers.get(NONCE_HEADER);
        String challenge = headers.get(CHALLENGE_HEADER);
        String mac = headers.get(MAC_HEADER);
        if (time == null || nonce == null || challenge == null || mac == null) {
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
        Optional<String> badChallenge = checkChallenge(challenge, now);
        if (badChallenge.isPresent()) {
            return badChallenge;
        }
        byte[] expected = mac(method, pathAndQuery, time, nonce, challenge).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, mac.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("wrong cluster key");
        }
        return remember(nonce, now);
    }

    private Optional<String> remember(String nonce, long now) {
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

    /**
     * The key of the M4F messages that answer the request made with {@code challenge} and
     * {@code nonce}: HMAC-SHA256(cluster_key, "cascade-m4f-v2 session\n" challenge "\n" nonce).
     */
    public byte[] sessionKey(String challenge, String nonce) {
        return hmac(key, ("cascade-m4f-v2 session\n" + challenge + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key of the M4F messages a request carries in its body (a session report): derived like
     * the session key but apart from it, so no message of a response can be passed off as one of
     * a request or the reverse.
     */
    public byte[] uploadKey(String challenge, String nonce) {
        return hmac(key, ("cascade-m4f-v2 upload\n" + challenge + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String method, String pathAndQuery, String time, String nonce, String challenge) {
        String message = method + "\n" + pathAndQuery + "\n" + time + "\n" + nonce + "\n" + challenge;
        return HexFormat.of().formatHex(hmac(key, message.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] challengeTag(byte[] signed) {
        return Arrays.copyOf(hmac(challengeSecret, signed), CHALLENGE_TAG);
    }

    static byte[] hmac(byte[] key, byte[] message) {
        return newMac(key).doFinal(message);
    }

    static Mac newMac(byte[] key) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
