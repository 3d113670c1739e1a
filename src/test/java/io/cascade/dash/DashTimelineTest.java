package io.cascade.dash;

import io.cascade.cmaf.CmafFragmentWriter;
import io.cascade.cmaf.CmafReader;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.cascade.dash.MpdTimelines.all;
import static io.cascade.dash.MpdTimelines.expand;
import static io.cascade.dash.MpdTimelines.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** The timelines of a manifest against the per-track fragments players then fetch. */
class DashTimelineTest {
    private static final long T0 = Timebase.fromInstant(Instant.parse("2026-11-24T10:00:00Z"));
    private static final long VIDEO_FRAME = Timebase.HZ / 25;
    private static final long AUDIO_FRAME = 1920;
    /** Audio starts 58.7 ms after video, as in the clip the defect was seen with. */
    private static final long AUDIO_OFFSET = 5280;
    private static final Track VIDEO = Track.video(1, Codec.H264, new byte[] {1}, 1280, 720, 25);
    private static final Track AUDIO = Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2);
    private static final InitSegment INIT = new InitSegment(1, List.of(VIDEO, AUDIO), new byte[0]);
    private static final int SEGMENTS = 12;
    private static final DashStreamInfo SERVED = new DashStreamInfo(t -> "x", TrackSegments::size, TrackSegments::span);

    @Test
    void everyTracksTimelineSaysExactlyWhereItsFragmentsStartAndHowLongTheyLast() throws Exception {
        List<Segment> window = segments();
        Document mpd = parse(DashManifest.live(DashWindow.of(window), SERVED,
                Instant.parse("2026-11-24T10:00:30Z"), Optional.empty()));

        List<Element> templates = all(mpd.getDocumentElement(), "SegmentTemplate");
        assertThat(templates).hasSize(2);
        for (Element template : templates) {
            Track track = template.getAttribute("media").startsWith("seg-v1-") ? VIDEO : AUDIO;
            List<long[]> timeline = expand(template);
            assertThat(timeline).as("one entry per segment").hasSize(SEGMENTS);
            for (int i = 0; i < SEGMENTS; i++) {
                List<Frame> frames = CmafReader.readFragments(TrackSegments.of(window.get(i), track).orElseThrow(),
                        List.of(track));
                Frame first = frames.getFirst();
                Frame last = frames.getLast();
                assertThat(timeline.get(i)[0]).as("S@t of %s segment %d", track, i).isEqualTo(first.dts());
                assertThat(timeline.get(i)[1]).as("S@d of %s segment %d", track, i)
                        .isEqualTo(last.dts() + last.duration() - first.dts());
                assertThat(template.getAttribute("media").replace("$Time$", Long.toString(timeline.get(i)[0])))
                        .isEqualTo("seg-" + RepresentationId.of(track) + "-t" + first.dts() + ".m4s");
            }
        }
        assertThat(expand(templates.get(1)).getFirst()[0]).as("audio is not on the video's times")
                .isEqualTo(T0 + AUDIO_OFFSET);
    }

    @Test
    void timeShiftBufferDepthCoversEveryListedTimeline() throws Exception {
        List<Segment> window = segments();
        Element mpd = parse(DashManifest.live(DashWindow.of(window), SERVED,
                Instant.parse("2026-11-24T10:00:30Z"), Optional.empty())).getDocumentElement();
        long first = Long.MAX_VALUE;
        long end = 0;
        for (Element template : all(mpd, "SegmentTemplate")) {
            for (long[] s : expand(template)) {
                first = Math.min(first, s[0]);
                end = Math.max(end, s[0] + s[1]);
            }
        }
        Duration depth = Duration.parse(mpd.getAttribute("timeShiftBufferDepth"));
        assertThat(depth.toNanos()).isGreaterThanOrEqualTo((end - first) * 1_000_000_000L / Timebase.HZ);
        assertThat(depth).isLessThan(Duration.ofMillis((end - first) / 90 + 2));
    }

    /** Canonical segments of 2 s, cut on video, with audio frames interleaved 50 ms late as inputs do. */
    private static List<Segment> segments() {
        List<Frame> video = new ArrayList<>();
        List<Frame> audio = new ArrayList<>();
        long end = T0 + SEGMENTS * 2 * Timebase.HZ;
        for (long dts = T0; dts < end; dts += VIDEO_FRAME) {
            video.add(new Frame(1, dts, dts + VIDEO_FRAME, VIDEO_FRAME, (dts - T0) % (2 * Timebase.HZ) == 0,
                    new byte[] {0, 0, 0, 2, 0x65, 1}));
        }
        for (long dts = T0 + AUDIO_OFFSET; dts < end - 4500; dts += AUDIO_FRAME) {
            audio.add(new Frame(2, dts, dts, AUDIO_FRAME, true, new byte[] {1, 2}));
        }
        List<Segment> segments = new ArrayList<>();
        for (int n = 0; n < SEGMENTS; n++) {
            int i = n;
            long start = T0 + i * 2 * Timebase.HZ;
            long next = start + 2 * Timebase.HZ;
            // An audio frame belongs to the segment it arrived in: 50 ms after its time.
            long lag = 4500;
            List<Frame> frames = new ArrayList<>();
            video.stream().filter(f -> f.dts() >= start && f.dts() < next).forEach(frames::add);
            audio.stream().filter(f -> f.dts() + lag >= start && f.dts() + lag < next || i == 0 && f.dts() + lag < start)
                    .forEach(frames::add);
            frames.sort(Comparator.comparingLong(Frame::dts));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int half = frames.size() / 2;
            bytes.writeBytes(CmafFragmentWriter.write(2L * i, INIT.tracks(), frames.subList(0, half)));
            bytes.writeBytes(CmafFragmentWriter.write(2L * i + 1, INIT.tracks(), frames.subList(half, frames.size())));
            segments.add(Segment.complete(500 + i, start, 2 * Timebase.HZ, INIT, false, bytes.toByteArray()));
        }
        return segments;
    }
}
