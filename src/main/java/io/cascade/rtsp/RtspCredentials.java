package io.cascade.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A client's user and password, and the {@code Authorization} it answers a server's
 * {@code WWW-Authenticate} challenge with: Basic (RFC 7617) or Digest (RFC 2617 / RFC 7616 with
 * MD5, {@code qop=auth} or no qop). Digest is preferred when a server offers both.
 */
public record RtspCredentials(String user, String password) {
    static final int MAX_CHALLENGE_CHARS = 2048;

    @Override
    public String toString() {
        return "RtspCredentials[" + user + "]";
    }

    /** A parsed challenge, ready to sign requests. */
    public record Challenge(String scheme, Map<String, String> params) {
        public boolean digest() {
            return scheme.equals("digest");
        }
    }

    /**
     * The challenge to answer among a response's {@code WWW-Authenticate} values: Digest with
     * MD5 when offered, else Basic; empty when none is usable.
     */
    public static Optional<Challenge> choose(Iterable<String> headerValues) {
        Challenge basic = null;
        for (String value : headerValues) {
            if (value.length() > MAX_CHALLENGE_CHARS) {
                continue;
            }
            Optional<Challenge> c = parse(value);
            if (c.isEmpty()) {
                continue;
            }
            if (c.get().digest()) {
                String algorithm = c.get().params().getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
                String qop = c.get().params().getOrDefault("qop", "auth");
                if (algorithm.equals("MD5") && c.get().params().containsKey("nonce")
                        && java.util.Arrays.stream(qop.split(",")).map(String::trim).anyMatch("auth"::equals)) {
                    return c;
                }
            } else if (c.get().scheme().equals("basic")) {
                basic = c.get();
            }
        }
        return Optional.ofNullable(basic);
    }

    static Optional<Challenge> parse(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        String scheme = (space < 0 ? v : v.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        int at = space < 0 ? v.length() : space + 1;
        while (at < v.length()) {
            while (at < v.length() && (v.charAt(at) == ' ' || v.charAt(at) == ',')) {
                at++;
            }
            int eq = v.indexOf('=', at);
            if (eq < 0) {
                break;
            }
            String key = v.substring(at, eq).trim().toLowerCase(Locale.ROOT);
            at = eq + 1;
            String val;
            if (at < v.length() && v.charAt(at) == '"') {
                int close = v.indexOf('"', at + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                val = v.substring(at + 1, close);
                at = close + 1;
            } else {
                int comma = v.indexOf(',', at);
                int end = comma < 0 ? v.length() : comma;
                val = v.substring(at, end).trim();
                at = end;
            }
            params.putIfAbsent(key, val);
        }
        return Optional.of(new Challenge(scheme, params));
    }

    /**
     * The {@code Authorization} value for one request.
     *
     * @param nonceCount the count of requests signed with this nonce so far, from 1
     * @param cnonce     the client nonce (random per challenge)
     */
    public String authorization(Challenge challenge, String method, String uri, int nonceCount, String cnonce) {
        if (!challenge.digest()) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> p = challenge.params();
        String realm = p.getOrDefault("realm", "");
        String nonce = p.get("nonce");
        boolean qop = p.containsKey("qop");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String nc = String.format("%08x", nonceCount);
        String response = qop ? md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder b = new StringBuilder("Digest username=\"").append(quoted(user))
                .append("\", realm=\"").append(quoted(realm))
                .append("\", nonce=\"").append(quoted(nonce))
                .append("\", uri=\"").append(quoted(uri))
                .append("\", response=\"").append(response).append('"');
        if (p.containsKey("algorithm")) {
            b.append(", algorithm=MD5");
        }
        if (p.containsKey("opaque")) {
            b.append(", opaque=\"").append(quoted(p.get("opaque"))).append('"');
        }
        if (qop) {
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(quoted(cnonce)).append('"');
        }
        return b.toString();
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
