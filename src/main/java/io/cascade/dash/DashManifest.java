package io.cascade.dash;

import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.media.Track;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live MPD ({@code index.mpd}) of a stream's window.
 *
 * <p>One Period per discontinuity run. Each Period holds one AdaptationSet per track of its init
 * segment (AdaptationSet id = track id), with one Representation whose id is the track's kind
 * letter and id ({@code v1}, {@code a2}): players expect one media component per Representation,
 * so each track is served as its own files, {@code init-v1.mp4} and {@code seg-v1-t$Time$.m4s}
 * (see {@link DashRoute}). Each track lists its own SegmentTimeline: the exact start and duration
 * of its fragment of every canonical segment (audio is not cut where video is), in 90 kHz UTC
 * ticks. A Period starts at its first segment's UTC time (milliseconds floored) and sets
 * {@code presentationTimeOffset} to the same instant, so {@code S@t} values stay plain UTC ticks.
 *
 * <p>Segments are addressed by {@code $Time$}, the {@code S@t} of each, and the template has no
 * {@code startNumber}: ffmpeg's DASH reader (5.x) keeps its position as an index into the timeline
 * it holds and maps it by time onto each new manifest, which only works when its numbers start at
 * 0 (the value it takes when {@code startNumber} is absent) and URIs carry times.
 */
public final class DashManifest {
    public static final String PROFILE = "urn:mpeg:dash:profile:isoff-live:2011";
    /** Lowest bandwidth written, for a track that has no bytes in the listed segments. */
    static final long MIN_BANDWIDTH = 1_000;
    static final String UTC_TIMING_SCHEME = "urn:mpeg:dash:utc:http-iso:2014";
    static final String UTC_DIRECT_SCHEME = "urn:mpeg:dash:utc:direct:2014";
    private static final String CHANNEL_SCHEME = "urn:mpeg:dash:23003:3:audio_channel_configuration:2011";
    private static final int DELAY_SEGMENTS = 3;
    /** Below this, a gap or overlap between a track's segments is closed in the timeline: 100 ms. */
    static final long JOIN_LIMIT = 9_000;

    private DashManifest() {
    }

    /**
     * @param window       the segments to list
     * @param stream       codecs, per-track spans and sizes (for bandwidths)
     * @param publishTime  when this MPD is made (now)
     * @param utcTimingUrl where a player can read the server's ISO time (the time endpoint), written
     *                     as an http-iso {@code UTCTiming} when present, followed by a {@code direct}
     *                     one holding {@code publishTime} for a player that cannot reach it
     */
    public static String live(DashWindow window, DashStreamInfo stream, Instant publishTime,
                              Optional<String> utcTimingUrl) {
        List<List<Segment>> runs = runs(window.segments());
        List<Map<Track, List<TrackSpan>>> timelines = runs.stream().map(run -> timelines(run, stream)).toList();
        Extent extent = Extent.of(timelines, window);
        String published = DateTimeFormatter.ISO_INSTANT.format(publishTime.truncatedTo(ChronoUnit.MILLIS));
        XmlText xml = new XmlText().open("MPD")
                .attribute("xmlns", "urn:mpeg:dash:schema:mpd:2011")
                .attribute("profiles", PROFILE)
                .attribute("type", "dynamic")
                .attribute("availabilityStartTime", "1970-01-01T00:00:00Z")
                .attribute("publishTime", published)
                // A new segment shows up about once per segment duration.
                .attribute("minimumUpdatePeriod", XsDuration.ofTicks(Math.max(window.last().duration(), 90)))
                .attribute("minBufferTime", XsDuration.ofTicks(extent.longest()))
                // Never shorter than the timeline listed, or players would skip segments it offers.
                .attribute("timeShiftBufferDepth", XsDuration.ofTicksUp(extent.depth()))
                .attribute("suggestedPresentationDelay",
                        XsDuration.ofTicks(Math.min(DELAY_SEGMENTS * extent.longest(), extent.depth())))
                .attribute("maxSegmentDuration", XsDuration.ofTicksUp(extent.longest()));
        for (int i = 0; i < runs.size(); i++) {
            List<Segment> run = runs.get(i);
            long start = i == 0 ? window.firstPeriodStart() : run.getFirst().startDts();
            period(xml, run, timelines.get(i), window.firstPeriodNumber() + i, start, 0, stream);
        }
        utcTimingUrl.ifPresent(url -> xml
                .open("UTCTiming").attribute("schemeIdUri", UTC_TIMING_SCHEME).attribute("value", url).close("UTCTiming")
                .open("UTCTiming").attribute("schemeIdUri", UTC_DIRECT_SCHEME).attribute("value", published)
                .close("UTCTiming"));
        return xml.close("MPD").toString();
    }

    /**
     * A static MPD of an archive piece: the presentation starts at the first segment, each
     * discontinuity run is a Period starting where its first segment does (relative to that),
     * and segments keep their live names ({@code S@t} in 90 kHz UTC ticks, through each
     * Period's {@code presentationTimeOffset}).
     */
    public static String archive(DashWindow window, DashStreamInfo stream) {
        List<List<Segment>> runs = runs(window.segments());
        List<Map<Track, List<TrackSpan>>> timelines = runs.stream().map(run -> timelines(run, stream)).toList();
        Extent extent = Extent.of(timelines, window);
        long originMillis = Math.floorDiv(window.first().startDts(), 90);
        XmlText xml = new XmlText().open("MPD")
                .attribute("xmlns", "urn:mpeg:dash:schema:mpd:2011")
                .attribute("profiles", PROFILE)
                .attribute("type", "static")
                .attribute("mediaPresentationDuration", XsDuration.ofTicksUp(window.last().endDts() - window.first().startDts()))
                .attribute("minBufferTime", XsDuration.ofTicks(extent.longest()))
                .attribute("maxSegmentDuration", XsDuration.ofTicksUp(extent.longest()));
        for (int i = 0; i < runs.size(); i++) {
            List<Segment> run = runs.get(i);
            period(xml, run, timelines.get(i), window.firstPeriodNumber() + i, run.getFirst().startDts(), originMillis,
                    stream);
        }
        return xml.close("MPD").toString();
    }

    /** The longest segment and the time the listed timelines cover, over every track. */
    private record Extent(long longest, long depth) {
        static Extent of(List<Map<Track, List<TrackSpan>>> timelines, DashWindow window) {
            long longest = 0;
            long first = window.first().startDts();
            long last = window.last().endDts();
            for (Map<Track, List<TrackSpan>> run : timelines) {
                for (List<TrackSpan> spans : run.values()) {
                    for (TrackSpan s : spans) {
                        longest = Math.max(longest, s.duration());
                        first = Math.min(first, s.start());
                        last = Math.max(last, s.end());
                    }
                }
            }
            for (Segment s : window.segments()) {
                longest = Math.max(longest, s.duration());
            }
            return new Extent(longest, last - first);
        }
    }

    /** Each track's spans over the run, in track order, leaving out segments without a frame of it. */
    private static Map<Track, List<TrackSpan>> timelines(List<Segment> run, DashStreamInfo stream) {
        Map<Track, List<TrackSpan>> timelines = new LinkedHashMap<>();
        for (Track track : run.getFirst().init().tracks()) {
            List<TrackSpan> spans = new ArrayList<>();
            for (Segment s : run) {
                stream.trackSpan().apply(s, track).ifPresent(spans::add);
            }
            if (!spans.isEmpty()) {
                timelines.put(track, joined(spans));
            }
        }
        return timelines;
    }

    /**
     * The spans with each one that ends less than {@link #JOIN_LIMIT} before or after the next
     * begins lasting until it does: a segment then starts exactly where its fragment does and the
     * timeline has no hole a player would stop at (dash.js looks segments up by time, and a
     * sub-frame gap, as a looped file's audio may have at the seam, holds no segment).
     */
    static List<TrackSpan> joined(List<TrackSpan> spans) {
        List<TrackSpan> out = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            TrackSpan s = spans.get(i);
            if (i + 1 < spans.size()) {
                long next = spans.get(i + 1).start();
                if (next > s.start() && Math.abs(next - s.end()) < JOIN_LIMIT) {
                    s = new TrackSpan(s.start(), next - s.start());
                }
            }
            out.add(s);
        }
        return out;
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

    private static void period(XmlText xml, List<Segment> run, Map<Track, List<TrackSpan>> timelines, long number,
                               long startDts, long originMillis, DashStreamInfo stream) {
        long startMillis = Math.floorDiv(startDts, 90);
        xml.open("Period").attribute("id", number).attribute("start", XsDuration.ofMillis(startMillis - originMillis));
        timelines.forEach((track, spans) -> adaptationSet(xml, run, track, spans, startMillis * 90, stream));
        xml.close("Period");
    }

    private static void adaptationSet(XmlText xml, List<Segment> run, Track track, List<TrackSpan> spans,
                                      long presentationTimeOffset, DashStreamInfo stream) {
        RepresentationId id = RepresentationId.of(track);
        String type = track.isVideo() ? "video" : "audio";
        xml.open("AdaptationSet").attribute("id", track.id())
                .attribute("mimeType", type + "/mp4")
                .attribute("contentType", type);
        if (!track.isVideo() && !track.language().equals("und")) {
            xml.attribute("lang", track.language());
        }
        xml.attribute("segmentAlignment", "true").attribute("startWithSAP", 1);
        segmentTemplate(xml, spans, presentationTimeOffset, id);
        representation(xml, track, id, stream.codecs().apply(track), bandwidth(run, track, stream));
        xml.close("AdaptationSet");
    }

    private static void segmentTemplate(XmlText xml, List<TrackSpan> spans,
                                        long presentationTimeOffset, RepresentationId id) {
        xml.open("SegmentTemplate")
                .attribute("timescale", 90000)
                .attribute("presentationTimeOffset", presentationTimeOffset)
                .attribute("initialization", id.initialization())
                .attribute("media", id.media())
                .open("SegmentTimeline");
        for (TimelineEntry s : TimelineEntry.of(spans)) {
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

    private static void representation(XmlText xml, Track track, RepresentationId id, String codecs,
                                       long bandwidth) {
        xml.open("Representation").attribute("id", id).attribute("codecs", codecs).attribute("bandwidth", bandwidth);
        if (track.isVideo()) {
            if (track.width() > 0 && track.height() > 0) {
                xml.attribute("width", track.width()).attribute("height", track.height());
            }
            if (track.frameRate() > 0) {
                xml.attribute("frameRate", FrameRate.of(track.frameRate()));
            }
        } else {
            if (track.sampleRate() > 0) {
                xml.attribute("audioSamplingRate", track.sampleRate());
            }
            if (track.channels() > 0) {
                xml.open("AudioChannelConfiguration")
                        .attribute("schemeIdUri", CHANNEL_SCHEME).attribute("value", track.channels())
                        .close("AudioChannelConfiguration");
            }
        }
        xml.close("Representation");
    }

    /**
     * The highest rate of the track over the run's segments, in bits per second, so a player that
     * can fetch at that rate never stalls on any listed segment; at least {@link #MIN_BANDWIDTH}
     * since the attribute must be positive.
     */
    static long bandwidth(List<Segment> run, Track track, DashStreamInfo stream) {
        long peak = 0;
        for (Segment s : run) {
            if (s.duration() > 0) {
                long bits = Math.multiplyExact(stream.trackBytes().applyAsLong(s, track), 8L);
                peak = Math.max(peak, Math.ceilDiv(Math.multiplyExact(bits, (long) Timebase.HZ), s.duration()));
            }
        }
        return Math.max(MIN_BANDWIDTH, peak);
    }
}
