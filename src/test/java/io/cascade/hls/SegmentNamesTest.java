package io.cascade.hls;

import io.cascade.media.Timebase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentNamesTest {
    private static final long T0 = Windows.T0;

    @Test
    void namesStartSecondAndDurationMillis() {
        assertThat(SegmentNames.of(T0 + 2 * Timebase.HZ, 2 * Timebase.HZ, SegmentFormat.TS))
                .isEqualTo("2026/11/24/10/00/02-02000.ts");
        assertThat(SegmentNames.of(T0, 5 * Timebase.HZ, SegmentFormat.FMP4))
                .isEqualTo("2026/11/24/10/00/00-05000.m4s");
    }

    @Test
    void floorsStartToTheSecond() {
        long almostThree = T0 + 3 * Timebase.HZ - 1;
        assertThat(SegmentNames.of(almostThree, Timebase.HZ, SegmentFormat.TS))
                .isEqualTo("2026/11/24/10/00/02-01000.ts");
    }

    @Test
    void roundsDurationToNearestMillisecond() {
        assertThat(SegmentNames.of(T0, 1_999 * 90 + 44, SegmentFormat.TS)).endsWith("-01999.ts");
        assertThat(SegmentNames.of(T0, 1_999 * 90 + 45, SegmentFormat.TS)).endsWith("-02000.ts");
        assertThat(SegmentNames.of(T0, 3_600, SegmentFormat.TS)).endsWith("-00040.ts");
    }

    @Test
    void namesEveryDurationAndStartByTheNearestValueThatFits() {
        assertThat(SegmentNames.of(T0, 100 * Timebase.HZ, SegmentFormat.TS)).endsWith("-99999.ts");
        assertThat(SegmentNames.of(T0, 26_545_436_640L, SegmentFormat.TS)).endsWith("-99999.ts");
        assertThat(SegmentNames.of(T0, -90, SegmentFormat.TS)).endsWith("-00000.ts");
        assertThat(SegmentNames.of(T0, 99_999 * 90, SegmentFormat.TS)).endsWith("-99999.ts");
        assertThat(SegmentNames.of(Long.MAX_VALUE, Long.MAX_VALUE, SegmentFormat.TS)).isEqualTo("9999/12/31/23/59/59-99999.ts");
        assertThat(SegmentNames.of(Long.MIN_VALUE, 0, SegmentFormat.TS)).isEqualTo("0000/01/01/00/00/00-00000.ts");
        var huge = Windows.segment(9, T0, 26_545_436_640L);
        assertThat(SegmentNames.parse(SegmentNames.of(huge, SegmentFormat.FMP4)).orElseThrow().names(huge)).isTrue();
    }

    @Test
    void parsesAName() {
        SegmentName name = SegmentNames.parse("2026/11/24/10/00/02-02000.ts").orElseThrow();
        assertThat(name.startSecond()).isEqualTo(Instant.parse("2026-11-24T10:00:02Z").getEpochSecond());
        assertThat(name.durationMillis()).isEqualTo(2000);
        assertThat(name.format()).isEqualTo(SegmentFormat.TS);
        assertThat(SegmentNames.parse("2026/11/24/10/00/02-00040.m4s").orElseThrow().format())
                .isEqualTo(SegmentFormat.FMP4);
    }

    @Test
    void parseReadsBackWhatOfWrites() {
        var segment = Windows.segment(7, T0 + 123_456_789L, 181_234);
        String uri = SegmentNames.of(segment, SegmentFormat.FMP4);
        SegmentName name = SegmentNames.parse(uri).orElseThrow();
        assertThat(name.names(segment)).isTrue();
        assertThat(name.names(Windows.segment(8, T0 + 123_456_789L, 181_234 + 90))).isFalse();
        assertThat(name.names(Windows.segment(8, T0, 181_234))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "/2026/11/24/10/00/02-02000.ts",
        "x/2026/11/24/10/00/02-02000.ts",
        "2026/11/24/10/00/02-02000.ts/",
        "2026/11/24/10/00/02-02000.ts\n",
        "2026/11/24/10/00/02-02000.ts?x=1",
        "../../24/10/00/02-02000.ts",
        "2026/11/../10/00/02-02000.ts",
        "2026/11/24/10/00/..-02000.ts",
        "2026/11/24/10/00/02-002000.ts",
        "2026/11/24/10/00/02-2000.ts",
        "20260/11/24/10/00/02-02000.ts",
        "2026/011/24/10/00/02-02000.ts",
        "2026/11/24/10/00/02-02000.mp4",
        "2026/11/24/10/00/02-02000.TS",
        "2026/11/24/10/00/02-02000",
        "2026/13/24/10/00/02-02000.ts",
        "2026/02/30/10/00/02-02000.ts",
        "2026/11/24/24/00/02-02000.ts",
        "2026/11/24/10/60/02-02000.ts",
        "2026/11/24/10/00/60-02000.ts",
        "2026/11/24/10/00/02-+2000.ts",
        "2026\\11\\24\\10\\00\\02-02000.ts",
        "2026/11/24/10/00/0\u0662-02000.ts",
        "2026%2F11/24/10/00/02-02000.ts",
    })
    void rejectsAnythingElse(String path) {
        assertThat(SegmentNames.parse(path)).isEmpty();
    }

    @Test
    void rejectsNullAndHugeInput() {
        assertThat(SegmentNames.parse(null)).isEmpty();
        assertThat(SegmentNames.parse("2".repeat(1_000_000))).isEmpty();
    }
}
