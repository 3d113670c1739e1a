package io.cascade.auth;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class BackendAnswerTest {
    private static HttpHeaders headers(String... kv) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            h.put(kv[i], List.of(kv[i + 1]));
        }
        return HttpHeaders.of(h, (a, b) -> true);
    }

    @Test
    void statusesMakeVerdicts() {
        assertThat(BackendAnswer.of(200, headers()).verdict()).isEqualTo(BackendAnswer.Verdict.ALLOW);
        assertThat(BackendAnswer.of(302, headers()).verdict()).isEqualTo(BackendAnswer.Verdict.ALLOW);
        assertThat(BackendAnswer.of(403, headers()).verdict()).isEqualTo(BackendAnswer.Verdict.DENY);
        assertThat(BackendAnswer.of(204, headers()).verdict()).isEqualTo(BackendAnswer.Verdict.DENY);
        assertThat(BackendAnswer.of(404, headers()).verdict()).isEqualTo(BackendAnswer.Verdict.DENY);
        assertThat(BackendAnswer.of(502, headers()).verdict()).isEqualTo(BackendAnswer.Verdict.FAILED);
    }

    @Test
    void headersAreReadAndBounded() {
        BackendAnswer a = BackendAnswer.of(200, headers("X-AuthDuration", "12", "X-UserId", " u1 ",
                "X-Max-Sessions", "3", "X-Unique", "TRUE"));
        assertThat(a.durationSeconds()).isEqualTo(12);
        assertThat(a.userId()).contains("u1");
        assertThat(a.maxSessions()).isEqualTo(OptionalInt.of(3));
        assertThat(a.unique()).isTrue();
        BackendAnswer hostile = BackendAnswer.of(200, headers("X-AuthDuration", "999999999999",
                "X-UserId", "u".repeat(5000), "X-Max-Sessions", "-1"));
        assertThat(hostile.durationSeconds()).isEqualTo(BackendAnswer.MAX_DURATION_SECONDS);
        assertThat(hostile.userId().orElseThrow()).hasSize(BackendAnswer.MAX_USER_ID);
        assertThat(hostile.maxSessions()).isEmpty();
        assertThat(BackendAnswer.of(200, headers("X-AuthDuration", "0")).durationSeconds()).isEqualTo(1);
        assertThat(BackendAnswer.of(200, headers("X-AuthDuration", "soon")).durationSeconds())
                .isEqualTo(BackendAnswer.DEFAULT_DURATION_SECONDS);
        assertThat(BackendAnswer.of(200, headers()).durationSeconds()).isEqualTo(30);
    }
}
