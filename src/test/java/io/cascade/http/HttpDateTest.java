package io.cascade.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDateTest {
    @Test
    void formatsImfFixdateWithATwoDigitDay() {
        assertThat(HttpDate.format(Instant.parse("1994-11-06T08:49:37Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(new HttpDate(Clock.fixed(Instant.parse("2026-12-02T13:05:09.999Z"), ZoneOffset.UTC)).now())
                .isEqualTo("Wed, 02 Dec 2026 13:05:09 GMT");
    }
}
