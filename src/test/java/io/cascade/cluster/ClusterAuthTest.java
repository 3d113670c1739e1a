package io.cascade.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterAuthTest {
    private static final String KEY = "sekret-Cluster-Key";
    private static final String PATH = "/cascade/m4f/v1/streams/news?from=12";

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final ClusterAuth signer = new ClusterAuth(KEY, now::get);
    private final ClusterAuth verifier = new ClusterAuth(KEY, now::get);

    private static Optional<String> verify(ClusterAuth auth, String method, String path, Map<String, String> h) {
        return auth.verify(method, path, h.get(ClusterAuth.TIME_HEADER), h.get(ClusterAuth.NONCE_HEADER),
                h.get(ClusterAuth.MAC_HEADER));
    }

    @Test
    void signedRequestIsAccepted() {
        Map<String, String> h = signer.sign("GET", PATH);

        assertThat(h).containsOnlyKeys(ClusterAuth.TIME_HEADER, ClusterAuth.NONCE_HEADER, ClusterAuth.MAC_HEADER);
        assertThat(h.get(ClusterAuth.TIME_HEADER)).isEqualTo(Long.toString(now.get()));
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();
    }

    @Test
    void eachSignatureHasItsOwnNonce() {
        assertThat(signer.sign("GET", PATH).get(ClusterAuth.NONCE_HEADER))
                .isNotEqualTo(signer.sign("GET", PATH).get(ClusterAuth.NONCE_HEADER));
    }

    @Test
    void wrongKeyIsRefused() {
        Map<String, String> h = new ClusterAuth("another key", now::get).sign("GET", PATH);

        assertThat(verify(verifier, "GET", PATH, h)).contains("wrong cluster key");
    }

    @Test
    void tamperedPathMethodOrTimeIsRefused() {
        Map<String, String> h = signer.sign("GET", PATH);

        assertThat(verify(verifier, "GET", PATH.replace("12", "13"), h)).contains("wrong cluster key");
        assertThat(verify(verifier, "GET", "/cascade/m4f/v1/streams/other?from=12", h)).contains("wrong cluster key");
        assertThat(verify(verifier, "POST", PATH, h)).contains("wrong cluster key");
        Map<String, String> moved = new java.util.HashMap<>(h);
        moved.put(ClusterAuth.TIME_HEADER, Long.toString(now.get() + 1));
        assertThat(verify(verifier, "GET", PATH, moved)).contains("wrong cluster key");
        // the untouched request is still good afterwards: refusals do not burn its nonce
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();
    }

    @Test
    void replayedRequestIsRefused() {
        Map<String, String> h = signer.sign("GET", PATH);
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();

        now.addAndGet(5_000);
        assertThat(verify(verifier, "GET", PATH, h)).contains("replayed request");
        now.addAndGet(24_000);
        assertThat(verify(verifier, "GET", PATH, h)).contains("replayed request");
    }

    @Test
    void replayAfterTheWindowIsRefusedForItsTime() {
        Map<String, String> h = signer.sign("GET", PATH);
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();

        now.addAndGet(ClusterAuth.MAX_SKEW_MILLIS + 1);
        assertThat(verify(verifier, "GET", PATH, h)).hasValueSatisfying(r -> assertThat(r).contains("ms off"));
    }

    @Test
    void timeSkewBeyondThirtySecondsIsRefused() {
        Map<String, String> late = signer.sign("GET", PATH);
        now.addAndGet(30_001);
        assertThat(verify(verifier, "GET", PATH, late)).contains("request time is 30001 ms off");

        ClusterAuth fastClock = new ClusterAuth(KEY, () -> now.get() + 30_001);
        Map<String, String> early = fastClock.sign("GET", PATH);
        assertThat(verify(verifier, "GET", PATH, early)).contains("request time is -30001 ms off");
    }

    @Test
    void timeSkewWithinThirtySecondsIsAccepted() {
        Map<String, String> h = signer.sign("GET", PATH);
        now.addAndGet(30_000);
        assertThat(verify(verifier, "GET", PATH, h)).isEmpty();
    }

    @Test
    void malformedOrMissingCredentialsAreRefused() {
        Map<String, String> h = signer.sign("GET", PATH);
        String time = h.get(ClusterAuth.TIME_HEADER);
        String nonce = h.get(ClusterAuth.NONCE_HEADER);
        String mac = h.get(ClusterAuth.MAC_HEADER);

        assertThat(verifier.verify("GET", PATH, null, nonce, mac)).contains("no cluster credentials");
        assertThat(verifier.verify("GET", PATH, time, null, mac)).contains("no cluster credentials");
        assertThat(verifier.verify("GET", PATH, time, nonce, null)).contains("no cluster credentials");
        assertThat(verifier.verify("GET", PATH, "yesterday", nonce, mac)).contains("malformed time");
        assertThat(verifier.verify("GET", PATH, "", nonce, mac)).contains("malformed time");
        assertThat(verifier.verify("GET", PATH, time, nonce.substring(1), mac)).contains("malformed nonce");
        assertThat(verifier.verify("GET", PATH, time, "z" + nonce.substring(1), mac)).contains("malformed nonce");
        assertThat(verifier.verify("GET", PATH, time, nonce, "")).contains("wrong cluster key");
    }

    @Test
    void keyNeverAppearsInTheHeaders() {
        for (int i = 0; i < 200; i++) {
            Map<String, String> h = signer.sign("GET", PATH + i);
            for (String value : h.values()) {
                assertThat(value).doesNotContainIgnoringCase(KEY).matches("[0-9a-f]+");
            }
            assertThat(h.get(ClusterAuth.MAC_HEADER)).hasSize(64);
        }
    }

    @Test
    void refusalReasonsNeverCarryTheKeyOrTheMac() {
        Map<String, String> h = new ClusterAuth("another key", now::get).sign("GET", PATH);
        String reason = verify(verifier, "GET", PATH, h).orElseThrow();
        assertThat(reason).doesNotContain(KEY).doesNotContain(h.get(ClusterAuth.MAC_HEADER));
    }

    @Test
    void emptyKeyIsNotAKey() {
        assertThatThrownBy(() -> new ClusterAuth("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterAuth(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
