package io.cascade.stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.SegmentTarget;
import io.cascade.media.Timebase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static io.cascade.stream.SyntheticTracks.AUDIO;
import static io.cascade.stream.SyntheticTracks.AUDIO_FRAME;
import static io.cascade.stream.SyntheticTracks.VIDEO;
import static io.cascade.stream.SyntheticTracks.audio;
import static io.cascade.stream.SyntheticTracks.video;
import static org.assertj.core.api.Assertions.assertThat;

/** The segmenter's bounds: no segment longer than the target allows, or bigger than its byte bound. */
class SegmenterBoundsTest {
    private static final long T0 = 1_800_000_000L * Timebase.HZ;
    private static final long FRAME = Timebase.HZ / 25;
    private static final long TWO_SECONDS = 2 * Timebase.HZ;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger segmenterLog = (Logger) LoggerFactory.getLogger(Segmenter.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        segmenterLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        segmenterLog.detachAppender(logged);
    }

    /** {@code frames} video frames at 25 fps from {@code start}, a keyframe every {@code gop}, with audio. */
    private static void feed(Segmenter s, long start, int frames, int gop, int size) {
        long audioDts = start;
        for (int i = 0; i < frames; i++) {
            long dts = start + i * FRAME;
            while (audioDts <= dts) {
                s.onFrame(audio(audioDts));
                audioDts += AUDIO_FRAME;
            }
            s.onFrame(video(dts, FRAME, i % gop == 0, size));
        }
    }

    private static long longest(SegmentStore store) {
        return store.closedSegments().stream().mapToLong(Segment::duration).max().orElse(0);
    }

    @Test
    void cutsWithoutKeyframesNeverRunTheNumbersAheadOfTheClock() {
        SegmentStore store = new SegmentStore(1000);
        long first = Segmenter.firstNumberFor(T0, TWO_SECONDS);
        Segmenter s = new Segmenter("cam", store, TWO_SECONDS, first, Long.MAX_VALUE);
        s.onTracks(List.of(VIDEO, AUDIO));
        feed(s, T0, 25 * 600, 25 * 3, 100); // GOP 3 s, segment_duration 2, ten minutes
        List<Segment> closed = store.closedSegments();
        assertThat(closed).hasSizeGreaterThan(200);
        // What a restart at a segment's start would take as its first number is never below it.
        assertThat(closed).allSatisfy(seg -> assertThat(seg.number())
                .isLessThanOrEqualTo(Segmenter.firstNumberFor(seg.startDts(), TWO_SECONDS)));
        assertThat(closed).as("segments still get back onto keyframes")
                .filteredOn(seg -> (seg.startDts() - T0) % (3 * Timebase.HZ) == 0).hasSizeGreaterThan(50);
    }

    @Test
    void aKeyframeIntervalLongerThanTheTargetIsCutAtTheBoundAndWarnedOnce() {
        SegmentStore store = new SegmentStore(100);
        Segmenter s = new Segmenter("cam", store, TWO_SECONDS, 1, Long.MAX_VALUE);
        s.onTracks(List.of(VIDEO, AUDIO));
        feed(s, T0, 25 * 30, 25 * 5, 100); // GOP 5 s, segment_duration 2
        List<Segment> closed = store.closedSegments();
        long max = new SegmentTarget(2).maxTicks();
        assertThat(closed).hasSizeGreaterThan(10).allMatch(seg -> seg.duration() <= max);
        assertThat(closed).as("each keyframe starts a segment again").anyMatch(seg -> (seg.startDts() - T0) % (5 * Timebase.HZ) == 0
                && seg.startDts() > T0);
        assertThat(closed.stream().mapToLong(Segment::duration).sum())
                .as("nothing lost between segments").isEqualTo(closed.getLast().endDts() - T0);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("cam").contains("segment_duration").contains("keyframe");
    }

    @Test
    void keyframesEveryTargetCutThereWithoutWarning() {
        SegmentStore store = new SegmentStore(100);
        Segmenter s = new Segmenter("cam", store, TWO_SECONDS, 1, Long.MAX_VALUE);
        s.onTracks(List.of(VIDEO, AUDIO));
        feed(s, T0, 25 * 20, 50, 100);
        assertThat(store.closedSegments()).allMatch(seg -> seg.duration() == TWO_SECONDS);
        assertThat(logged.list).isEmpty();
        assertThat(store.target()).contains(new SegmentTarget(2));
    }

    @Test
    void aHoleInTheInputClockEndsTheSegmentAtTheBoundAndTheNextIsDiscontinuous() {
        SegmentStore store = new SegmentStore(100);
        Segmenter s = new Segmenter("cam", store, TWO_SECONDS, 1, Long.MAX_VALUE);
        s.onTracks(List.of(VIDEO));
        for (int i = 0; i < 10; i++) {
            s.onFrame(video(T0 + i * FRAME, FRAME, i == 0, 100));
        }
        long afterHole = T0 + 4 * Timebase.HZ;  // 3.6 s without a frame, under the timeline's jump bound
        for (int i = 0; i < 60; i++) {
            s.onFrame(video(afterHole + i * FRAME, FRAME, i % 50 == 0, 100));
        }
        List<Segment> closed = store.closedSegments();
        assertThat(longest(store)).isLessThanOrEqualTo(new SegmentTarget(2).maxTicks());
        assertThat(closed.get(1).startDts()).isEqualTo(afterHole);
        assertThat(closed.get(1).discontinuity()).isTrue();
    }

    @Test
    void aSegmentNeverHoldsMoreThanItsByteBound() {
        SegmentStore store = new SegmentStore(100);
        long bound = 200_000;
        Segmenter s = new Segmenter("big", store, TWO_SECONDS, 1, bound);
        s.onTracks(List.of(VIDEO));
        for (int i = 0; i < 250; i++) {
            s.onFrame(video(T0 + i * FRAME, FRAME, i % 50 == 0, 30_000));
        }
        s.onFrame(video(T0 + 250 * FRAME, FRAME, false, 500_000)); // alone over the bound: dropped
        s.finish();
        assertThat(store.closedSegments()).hasSizeGreaterThan(5)
                .allMatch(seg -> seg.size() <= bound)
                .allMatch(seg -> seg.duration() <= new SegmentTarget(2).maxTicks());
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("byte bound");
    }

    @Test
    void audioOnlyStreamsStayWithinTheTargetToo() {
        SegmentStore store = new SegmentStore(100);
        Segmenter s = new Segmenter("radio", store, Timebase.HZ * 3 / 2, 1, Long.MAX_VALUE);
        s.onTracks(List.of(AUDIO));
        for (long dts = T0; dts < T0 + 30 * Timebase.HZ; dts += AUDIO_FRAME) {
            s.onFrame(audio(dts));
        }
        assertThat(store.target()).contains(new SegmentTarget(2));
        assertThat(store.closedSegments()).hasSizeGreaterThan(15)
                .allMatch(seg -> seg.duration() >= Timebase.HZ * 3 / 2 && seg.duration() <= new SegmentTarget(2).maxTicks());
    }
}
