package io.cascade.hls;

import io.cascade.media.Frame;
import io.cascade.media.Segment;
import io.cascade.media.SegmentListener;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.cascade.media.TimelineMapper;
import io.cascade.stream.Segmenter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import static io.cascade.stream.SyntheticTracks.AUDIO;
import static io.cascade.stream.SyntheticTracks.AUDIO_FRAME;
import static io.cascade.stream.SyntheticTracks.VIDEO;
import static io.cascade.stream.SyntheticTracks.audio;
import static io.cascade.stream.SyntheticTracks.video;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 60 s of a looping clip, on a fake clock, through the timeline and the segmenter: the media
 * playlist's {@code EXT-X-TARGETDURATION} is the same in every version of the playlist, whatever
 * the clip's keyframe interval and the step at its loop seam.
 */
class TargetDurationOverTimeTest {
    private static final long FRAME = Timebase.HZ / 25;

    @ParameterizedTest(name = "segment_duration {0} s, GOP {1} frames, clip {2} frames, seam step {3} ticks")
    @CsvSource({
            "2, 50, 100, 7200",   // the clip whose seam jumped 80 ms
            "2, 60, 150, 0",      // GOP 2.4 s: still within 2 s rounded
            "2, 125, 250, 3600",  // GOP 5 s: cut without keyframes
            "1.5, 25, 100, 0",
            "6, 50, 300, 7200"})
    void targetDurationNeverChanges(double segmentSeconds, int gop, int clipFrames, long seamStep) {
        AtomicLong clock = new AtomicLong(1_800_000_000L * Timebase.HZ);
        TimelineMapper timeline = new TimelineMapper(clock::get);
        SegmentStore store = new SegmentStore(10);
        long nominal = Math.round(segmentSeconds * Timebase.HZ);
        Segmenter segmenter = new Segmenter("loop", store, nominal, 1, Long.MAX_VALUE);
        List<String> playlists = new ArrayList<>();
        store.addListener(new SegmentListener() {
            @Override
            public void onSegmentClosed(Segment segment) {
                // the listener runs under the store's lock, as the HTTP route's reads would see it
                playlists.add(HlsPlaylists.media(store.closedSegments(), store.discontinuitiesBeforeWindow(),
                        SegmentFormat.TS, false, store.target().orElseThrow()));
            }
        });
        segmenter.onTracks(List.of(VIDEO, AUDIO));
        long inputDts = 0;
        long audioDts = 0;
        while (clock.get() < 1_800_000_060L * Timebase.HZ) {
            for (int i = 0; i < clipFrames; i++) {
                while (audioDts <= inputDts) {
                    feed(timeline, segmenter, audio(audioDts));
                    audioDts += AUDIO_FRAME;
                }
                feed(timeline, segmenter, video(inputDts, FRAME, i % gop == 0, 200));
                inputDts += FRAME;
                clock.addAndGet(FRAME);
            }
            inputDts += seamStep;
            audioDts += seamStep;
        }

        assertThat(playlists).hasSizeGreaterThan(8);
        TreeSet<Long> targets = new TreeSet<>();
        long expected = (long) Math.ceil(segmentSeconds);
        for (String p : playlists) {
            long target = Long.parseLong(p.lines().filter(l -> l.startsWith("#EXT-X-TARGETDURATION:"))
                    .findFirst().orElseThrow().substring(22));
            targets.add(target);
            p.lines().filter(l -> l.startsWith("#EXTINF:")).forEach(l ->
                    assertThat(Math.round(Double.parseDouble(l.substring(8, l.length() - 1))))
                            .as(l).isLessThanOrEqualTo(target));
        }
        assertThat(targets).containsExactly(expected);
    }

    private static void feed(TimelineMapper timeline, Segmenter segmenter, Frame frame) {
        Frame mapped = timeline.map(frame);
        if (mapped != null) {
            if (timeline.takeDiscontinuity()) {
                segmenter.onDiscontinuity();
            }
            segmenter.onFrame(mapped);
        }
    }
}
