package io.cascade.dash;

import io.cascade.media.InitSegment;
import io.cascade.media.MediaKind;
import io.cascade.media.Segment;
import io.cascade.media.Track;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live MPD ({@code index.mpd}) of a stream's window.
 *
 * <p>One Period per discontinuity run; each holds one AdaptationSet with one Representation of
 * the muxed CMAF segments, addressed as {@code seg-$Number$.m4s} with a SegmentTimeline in 90 kHz
 * UTC ticks. A Period starts at its first segment's UTC time (milliseconds floored) and sets
 * {@code presentationTimeOffset} to the same instant, so {@code S@t} values stay plain UTC ticks.
 */
public final class DashManifest {
    public static final String PROFILE = "urn:mpeg:dash:profile:isoff-live:2011";
    public static final String INITIALIZATION = "init.mp4";
    public static final String MEDIA = "seg-$Number$.m4s";
    static final String UTC_TIMING_SCHEME = "urn:mpeg:dash:utc:http-iso:2014";
    private static final String CHANNEL_SCHEME = "urn:mpeg:dash:23003:3:audio_channel_configuration:2011";
    private static final int DELAY_SEGMENTS = 3;

    private DashManifest() {
    }

    /**
     * @param window       the segments to list
     * @param stream       codecs and bandwidth
     * @param publishTime  when this MPD is made (now)
     * @param utcTimingUrl where a player can read the server's ISO time (e.g. the time endpoint of
     *                     the HTTP API), written as {@code UTCTiming} when present
     */
    public static String live(DashWindow window, DashStreamInfo stream, Instant publishTime,
                              Optional<String> utcTimingUrl) {
        List<Segment> segments = window.segments();
        long longest = segments.stream().mapToLong(Segment::duration).max().orElseThrow();
        long depth = window.last().endDts() - window.first().startDts();
        XmlText xml = new XmlText().open("MPD")
                .attribute("xmlns", "urn:mpeg:dash:schema:mpd:2011")
                .attribute("profiles", PROFILE)
                .attribute("type", "dynamic")
                .attribute("availabilityStartTime", "1970-01-01T00:00:00Z")
                .attribute("publishTime", DateTimeFormatter.ISO_INSTANT.format(
                        publishTime.truncatedTo(ChronoUnit.MILLIS)))
                // A new segment shows up about once per segment duration.
                .attribute("minimumUpdatePeriod", XsDuration.ofTicks(Math.max(window.last().duration(), 90)))
                .attribute("minBufferTime", XsDuration.ofTicks(longest))
                .attribute("timeShiftBufferDepth", XsDuration.ofTicks(depth))
                .attribute("suggestedPresentationDelay", XsDuration.ofTicks(Math.min(DELAY_SEGMENTS * longest, depth)))
                .attribute("maxSegmentDuration", XsDuration.ofTicks(longest));
        List<List<Segment>> runs = runs(segments);
        for (int i = 0; i < runs.size(); i++) {
            List<Segment> run = runs.get(i);
            long start = i == 0 ? window.firstPeriodStart() : run.getFirst().startDts();
            period(xml, run, window.firstPeriodNumber() + i, start, stream);
        }
        utcTimingUrl.ifPresent(url -> xml.open("UTCTiming")
                .attribute("schemeIdUri", UTC_TIMING_SCHEME).attribute("value", url).close("UTCTiming"));
        return xml.close("MPD").toString();
    }

    /** The window cut before each segment flagged as discontinuity. */
    static List<List<Segment>> runs(List<Segment> segments) {
        List<List<Segment>> runs = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).discontinuity()) {
                runs.add(segments.subList(from, i));
                from = i;
            }
        }
        runs.add(segments.subList(from, segments.size()));
        return runs;
    }

    private static void period(XmlText xml, List<Segment> run, long number, long startDts, DashStreamInfo stream) {
        long startMillis = Math.floorDiv(startDts, 90);
        InitSegment init = run.getFirst().init();
        boolean video = init.firstOf(MediaKind.VIDEO).isPresent();
        xml.open("Period").attribute("id", number).attribute("start", XsDuration.ofMillis(startMillis))
                .open("AdaptationSet").attribute("id", 0)
                .attribute("mimeType", video ? "video/mp4" : "audio/mp4")
                .attribute("segmentAlignment", "true")
                .attribute("startWithSAP", 1);
        segmentTemplate(xml, run, startMillis * 90);
        representation(xml, init, stream);
        xml.close("AdaptationSet").close("Period");
    }

    private static void segmentTemplate(XmlText xml, List<Segment> run, long presentationTimeOffset) {
        xml.open("SegmentTemplate")
                .attribute("timescale", 90000)
                .attribute("presentationTimeOffset", presentationTimeOffset)
                .attribute("initialization", INITIALIZATION)
                .attribute("media", MEDIA)
                .attribute("startNumber", run.getFirst().number())
                .open("SegmentTimeline");
        for (TimelineEntry s : TimelineEntry.of(run)) {
            xml.open("S");
            if (s.explicitStart()) {
                xml.attribute("t", s.start());
            }
            xml.attribute("d", s.duration());
            if (s.repeat() > 0) {
                xml.attribute("r", s.repeat());
            }
            xml.close("S");
        }
        xml.close("SegmentTimeline").close("SegmentTemplate");
    }

    private static void representation(XmlText xml, InitSegment init, DashStreamInfo stream) {
        Optional<Track> video = init.firstOf(MediaKind.VIDEO);
        Optional<Track> audio = init.firstOf(MediaKind.AUDIO);
        xml.open("Representation").attribute("id", "0")
                .attribute("codecs", stream.codecs().apply(init))
                .attribute("bandwidth", stream.bandwidth());
        video.filter(v -> v.width() > 0 && v.height() > 0)
                .ifPresent(v -> xml.attribute("width", v.width()).attribute("height", v.height()));
        video.filter(v -> v.frameRate() > 0)
                .ifPresent(v -> xml.attribute("frameRate", FrameRate.of(v.frameRate())));
        audio.filter(a -> a.sampleRate() > 0)
                .ifPresent(a -> xml.attribute("audioSamplingRate", a.sampleRate()));
        audio.filter(a -> a.channels() > 0).ifPresent(a -> xml.open("AudioChannelConfiguration")
                .attribute("schemeIdUri", CHANNEL_SCHEME).attribute("value", a.channels())
                .close("AudioChannelConfiguration"));
        xml.close("Representation");
    }
}
