package io.cascade.rtsp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RtspCredentialsTest {
    private final RtspCredentials mufasa = new RtspCredentials("Mufasa", "Circle Of Life");

    @Test
    void digestWithQopAuthGivesTheRfc2617Response() {
        RtspCredentials.Challenge c = RtspCredentials.choose(List.of("""
                Digest realm="testrealm@host.com", qop="auth,auth-int", \
                nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41\"""")).orElseThrow();
        String auth = mufasa.authorization(c, "GET", "/dir/index.html", 1, "0a4f113b");
        // RFC 2617 3.5
        assertThat(auth).contains("response=\"6629fae49393a05397450978507c4ef1\"")
                .contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\"")
                .contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
                .startsWith("Digest username=\"Mufasa\", realm=\"testrealm@host.com\"");
    }

    @Test
    void digestWithoutQopIsTheRfc2069Form() {
        RtspCredentials.Challenge c = RtspCredentials.choose(List.of(
                "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"")).orElseThrow();
        String auth = new RtspCredentials("Mufasa", "CircleOfLife").authorization(c, "GET", "/dir/index.html", 1, "x");
        // the RFC 2069 example (2.4), response as its erratum corrects it
        assertThat(auth).contains("response=\"1949323746fe6a43ef61f9606e7febea\"").doesNotContain("qop");
    }

    @Test
    void digestIsPreferredOverBasicAndBasicIsBase64() {
        List<String> offered = List.of("Basic realm=\"cam\"", "Digest realm=\"cam\", nonce=\"n1\", algorithm=MD5");
        assertThat(RtspCredentials.choose(offered).orElseThrow().digest()).isTrue();
        RtspCredentials.Challenge basic = RtspCredentials.choose(List.of("Basic realm=\"cam\"")).orElseThrow();
        // RFC 7617 2: Aladdin / open sesame
        assertThat(new RtspCredentials("Aladdin", "open sesame").authorization(basic, "DESCRIBE", "rtsp://x/", 1, ""))
                .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void unusableChallengesAreNotAnswered() {
        assertThat(RtspCredentials.choose(List.of("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-256"))).isEmpty();
        assertThat(RtspCredentials.choose(List.of("Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\""))).isEmpty();
        assertThat(RtspCredentials.choose(List.of("Digest realm=\"x\""))).isEmpty();
        assertThat(RtspCredentials.choose(List.of("Digest realm=\"unterminated, nonce=\"n"))).isEmpty();
        assertThat(RtspCredentials.choose(List.of("Negotiate abc"))).isEmpty();
        assertThat(RtspCredentials.choose(List.of("Basic " + "x".repeat(5000)))).isEmpty();
    }
}
