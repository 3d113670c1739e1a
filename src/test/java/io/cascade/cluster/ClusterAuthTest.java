package io.cascade.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterAuthTest {
    private static final String KEY = "sekret-Cluster-Key";
    private static final String PATH = "/cascade/m4f/v2/streams/news?from=12";

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final ClusterAuth signer = new ClusterAuth(KEY, now::get);
    private final ClusterAuth verifier = new ClusterAuth(KEY, now::get);

    private static Optional<String> verify(ClusterAuth auth, String method, String path, Map<String, String> h) {
        return auth.verify(method, path, h);
    }

    /** A request signed to answer a challenge of {@code verifier}. */
    private Map<String, String> signed(ClusterAuth by, String path) {
        return by.sign("GET", path, verifier.challenge());
    }

    private static Map<String, String> with(Map<String, String> h, String header, String value) {
        Map<String, String> changed = new java.util.HashMap<>(h);
        if (value == null) {
            changed.remove(header);
        } else {
            changed.put(header, value);
        }
        return changed;
    }

    @Test
    void signedRequestIsAccepted() {
        Map<String, String> h = signed(signer, PATH);

        assertThat(h).containsOnlyKeys(ClusterAuth.TIME_HEADER, ClusterAuth.NONCE_HEADER, ClusterAuth.CHALLENGE_HEADER,
                ClusterAuth.MAC_HEADER);
        assertThat(h.get(ClusterAuth.TIME_HEADER)).isEqualTo(Long.toString(now.get()));
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();
    }

    @Test
    void eachSignatureHasItsOwnNonce() {
        assertThat(signed(signer, PATH).get(ClusterAuth.NONCE_HEADER))
                .isNotEqualTo(signed(signer, PATH).get(ClusterAuth.NONCE_HEADER));
    }

    @Test
    void wrongKeyIsRefused() {
        Map<String, String> h = signed(new ClusterAuth("another key", now::get), PATH);

        assertThat(verify(verifier, "GET", PATH, h)).contains("wrong cluster key");
    }

    @Test
    void tamperedPathMethodOrTimeIsRefused() {
        Map<String, String> h = signed(signer, PATH);

        assertThat(verify(verifier, "GET", PATH.replace("12", "13"), h)).contains("wrong cluster key");
        assertThat(verify(verifier, "GET", "/cascade/m4f/v2/streams/other?from=12", h)).contains("wrong cluster key");
        assertThat(verify(verifier, "POST", PATH, h)).contains("wrong cluster key");
        Map<String, String> moved = new java.util.HashMap<>(h);
        moved.put(ClusterAuth.TIME_HEADER, Long.toString(now.get() + 1));
        assertThat(verify(verifier, "GET", PATH, moved)).contains("wrong cluster key");
        // the untouched request is still good afterwards: refusals do not burn its nonce
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();
    }

    @Test
    void replayedRequestIsRefused() {
        Map<String, String> h = signed(signer, PATH);
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();

        now.addAndGet(5_000);
        assertThat(verify(verifier, "GET", PATH, h)).contains("replayed request");
        now.addAndGet(24_000);
        assertThat(verify(verifier, "GET", PATH, h)).contains("replayed request");
    }

    @Test
    void replayAfterTheWindowIsRefusedForItsTime() {
        Map<String, String> h = signed(signer, PATH);
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();

        now.addAndGet(ClusterAuth.MAX_SKEW_MILLIS + 1);
        assertThat(verify(verifier, "GET", PATH, h)).hasValueSatisfying(r -> assertThat(r).contains("ms off"));
    }

    @Test
    void timeSkewBeyondThirtySecondsIsRefused() {
        Map<String, String> late = signed(signer, PATH);
        now.addAndGet(30_001);
        assertThat(verify(verifier, "GET", PATH, late)).contains("request time is 30001 ms off");

        ClusterAuth fastClock = new ClusterAuth(KEY, () -> now.get() + 30_001);
        Map<String, String> early = signed(fastClock, PATH);
        assertThat(verify(verifier, "GET", PATH, early)).contains("request time is -30001 ms off");
    }

    @Test
    void timeSkewWithinThirtySecondsIsAccepted() {
        Map<String, String> h = signed(signer, PATH);
        now.addAndGet(30_000);
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();
    }

    @Test
    void malformedOrMissingCredentialsAreRefused() {
        Map<String, String> h = signed(signer, PATH);
        String nonce = h.get(ClusterAuth.NONCE_HEADER);
        for (String header : h.keySet()) {
            assertThat(verify(verifier, "GET", PATH, with(h, header, null))).contains("no cluster credentials");
        }
        assertThat(verify(verifier, "GET", PATH, with(h, ClusterAuth.TIME_HEADER, "yesterday"))).contains("malformed time");
        assertThat(verify(verifier, "GET", PATH, with(h, ClusterAuth.TIME_HEADER, ""))).contains("malformed time");
        assertThat(verify(verifier, "GET", PATH, with(h, ClusterAuth.NONCE_HEADER, nonce.substring(1)))).contains("malformed nonce");
        assertThat(verify(verifier, "GET", PATH, with(h, ClusterAuth.NONCE_HEADER, "z" + nonce.substring(1))))
                .contains("malformed nonce");
        assertThat(verify(verifier, "GET", PATH, with(h, ClusterAuth.CHALLENGE_HEADER, "xyz"))).contains("malformed challenge");
        assertThat(verify(verifier, "GET", PATH, with(h, ClusterAuth.MAC_HEADER, ""))).contains("wrong cluster key");
    }

    @Test
    void aRequestForAnotherServerWithTheSameKeyIsRefused() {
        ClusterAuth other = new ClusterAuth(KEY, now::get);
        Map<String, String> h = signed(signer, PATH);

        assertThat(verify(other, "GET", PATH, h)).hasValueSatisfying(r -> assertThat(r).contains("not issued by this server"));
        assertThat(verify(verifier, "GET", PATH, h)).as("the server it was meant for").isEmpty();
    }

    @Test
    void aRequestMadeBeforeARestartIsRefusedAfterIt() {
        Map<String, String> h = signed(signer, PATH);
        ClusterAuth restarted = new ClusterAuth(KEY, now::get);

        assertThat(verify(restarted, "GET", PATH, h)).hasValueSatisfying(r -> assertThat(r).contains("not issued by this server"));
    }

    @Test
    void anExpiredOrAlteredChallengeIsRefused() {
        String challenge = verifier.challenge();
        now.addAndGet(ClusterAuth.CHALLENGE_MILLIS + 1);
        assertThat(verify(verifier, "GET", PATH, signer.sign("GET", PATH, challenge))).contains("expired challenge");

        String fresh = verifier.challenge();
        String altered = (fresh.charAt(0) == '0' ? "1" : "0") + fresh.substring(1);
        assertThat(verify(verifier, "GET", PATH, signer.sign("GET", PATH, altered)))
                .hasValueSatisfying(r -> assertThat(r).contains("not issued by this server"));
        Map<String, String> h = signer.sign("GET", PATH, fresh);
        assertThat(verify(verifier, "GET", PATH, with(h, ClusterAuth.CHALLENGE_HEADER, verifier.challenge())))
                .as("the MAC covers the challenge").contains("wrong cluster key");
    }

    @Test
    void bothSidesDeriveTheSameSessionKeyAndEachRequestItsOwn() {
        Map<String, String> h = signed(signer, PATH);
        String c = h.get(ClusterAuth.CHALLENGE_HEADER);
        String n = h.get(ClusterAuth.NONCE_HEADER);

        assertThat(signer.sessionKey(c, n)).isEqualTo(verifier.sessionKey(c, n)).hasSize(32);
        assertThat(signer.sessionKey(c, n)).isNotEqualTo(signer.sessionKey(verifier.challenge(), n));
        assertThat(signer.sessionKey(c, n)).isNotEqualTo(new ClusterAuth("another key").sessionKey(c, n));
    }

    @Test
    void keyNeverAppearsInTheHeaders() {
        for (int i = 0; i < 200; i++) {
            Map<String, String> h = signed(signer, PATH + i);
            for (String value : h.values()) {
                assertThat(value).doesNotContainIgnoringCase(KEY).matches("[0-9a-f]+");
            }
            assertThat(h.get(ClusterAuth.MAC_HEADER)).hasSize(64);
        }
    }

    @Test
    void refusalReasonsNeverCarryTheKeyOrTheMac() {
        Map<String, String> h = signed(new ClusterAuth("another key", now::get), PATH);
        String reason = verify(verifier, "GET", PATH, h).orElseThrow();
        assertThat(reason).doesNotContain(KEY).doesNotContain(h.get(ClusterAuth.MAC_HEADER));
    }

    @Test
    void emptyKeyIsNotAKey() {
        assertThatThrownBy(() -> new ClusterAuth("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterAuth(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
