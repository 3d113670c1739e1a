package io.cascade.stream;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputRateLimitTest {
    private static final long MBIT = 1_000_000;
    private final AtomicLong nanos = new AtomicLong(1_000);

    /** Feeds {@code bitsPerSecond} as 25 frames a second for {@code seconds}. */
    private void feed(InputRateLimit limit, long bitsPerSecond, double seconds) {
        long frame = bitsPerSecond / 8 / 25;
        for (int i = 0; i < seconds * 25; i++) {
            limit.take(frame);
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(1) / 25);
        }
    }

    @Test
    void aRateUnderTheBoundPassesForEver() {
        InputRateLimit limit = new InputRateLimit(50 * MBIT, nanos::get);
        assertThatCode(() -> feed(limit, 49 * MBIT, 600)).doesNotThrowAnyException();
    }

    @Test
    void twiceTheBoundIsCutWithinAFewSecondsWithTheRateSaid() {
        InputRateLimit limit = new InputRateLimit(50 * MBIT, nanos::get);
        long start = nanos.get();
        assertThatThrownBy(() -> feed(limit, 100 * MBIT, 60))
                .isInstanceOf(InputRateExceededException.class)
                .hasMessageContaining("above max_bitrate 50 Mbit/s").hasMessageMatching("input sent 1[01][0-9]\\.[0-9] Mbit/s .*");
        double seconds = (nanos.get() - start) / 1e9;
        assertThat(seconds).isBetween(2.0, InputRateLimit.WINDOW_SECONDS * 2.0 + 0.1);
    }

    @Test
    void aBurstOfAFewSecondsOfTheBoundPasses() {
        InputRateLimit limit = new InputRateLimit(10 * MBIT, nanos::get);
        assertThatCode(() -> limit.take(10 * MBIT / 8 * 2)).doesNotThrowAnyException(); // a 2.5 MB keyframe
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
        assertThatCode(() -> feed(limit, 9 * MBIT, 30)).doesNotThrowAnyException();
    }

    @Test
    void theRateToldIsFromTheFirstFrameNotFromTheWaitForIt() {
        InputRateLimit limit = new InputRateLimit(50 * MBIT, nanos::get);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(30)); // a publish input waiting for its publisher
        assertThatThrownBy(() -> feed(limit, 200 * MBIT, 60))
                .hasMessageMatching("input sent (19[0-9]|2[01][0-9])\\.[0-9] Mbit/s over [0-9.]+ s, above .*");
    }

    @Test
    void aNewRunStartsWithAFullBucket() {
        InputRateLimit limit = new InputRateLimit(MBIT, nanos::get);
        assertThatThrownBy(() -> limit.take(MBIT)).isInstanceOf(InputRateExceededException.class);
        limit.reset();
        assertThatCode(() -> limit.take(MBIT / 8)).doesNotThrowAnyException();
    }
}
