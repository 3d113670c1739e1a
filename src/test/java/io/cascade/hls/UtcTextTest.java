package io.cascade.hls;

import io.cascade.media.Timebase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UtcTextTest {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuu/MM/dd/HH/mm/ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PDT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesWhatTheFormatterWritesOverEveryYear() {
        Random random = new Random(7);
        long span = UtcText.LAST_SECOND - UtcText.FIRST_SECOND;
        for (int i = 0; i < 20_000; i++) {
            long second = i < 2 ? (i == 0 ? UtcText.FIRST_SECOND : UtcText.LAST_SECOND)
                    : UtcText.FIRST_SECOND + Math.floorMod(random.nextLong(), span + 1);
            assertThat(UtcText.append(new StringBuilder(), second, '/', '/', '/').toString())
                    .isEqualTo(NAME.format(Instant.ofEpochSecond(second)));
            long ticks = second * Timebase.HZ + random.nextInt((int) Timebase.HZ);
            assertThat(HlsPlaylists.programDateTime(ticks)).isEqualTo(PDT.format(Timebase.toInstant(ticks)));
        }
    }
}
