package io.cascade.dash;

import io.cascade.media.Codec;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashManifestTest {
    private static final String NS = "urn:mpeg:dash:schema:mpd:2011";
    private static final long T0 = Timebase.fromInstant(Instant.parse("2026-11-24T10:00:00Z"));
    private static final long TWO = 2 * Timebase.HZ;
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:06.250Z");
    private static final InitSegment AV = new InitSegment(1, List.of(
            Track.video(1, Codec.H264, new byte[] {1}, 1280, 720, 25),
            Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2)), new byte[0]);
    /** 625 000 video and 32 000 audio bytes a segment: 2.5 Mbit/s and 128 kbit/s over two seconds. */
    private static final DashStreamInfo STREAM = new DashStreamInfo(
            t -> t.isVideo() ? "avc1.4D401F" : "mp4a.40.2", (s, t) -> t.isVideo() ? 625_000 : 32_000);

    @Test
    void manifestOfThreeSegments() {
        String mpd = DashManifest.live(DashWindow.of(threeSegments()), STREAM, NOW,
                Optional.of("../time"));
        assertThat(mpd).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" \
                type="dynamic" availabilityStartTime="1970-01-01T00:00:00Z" publishTime="2026-11-24T10:00:06.250Z" \
                minimumUpdatePeriod="PT2.000S" minBufferTime="PT2.000S" timeShiftBufferDepth="PT6.000S" \
                suggestedPresentationDelay="PT6.000S" maxSegmentDuration="PT2.000S">
                  <Period id="0" start="PT0.000S">
                    <AdaptationSet id="1" mimeType="video/mp4" contentType="video" segmentAlignment="true" \
                startWithSAP="1">
                      <SegmentTemplate timescale="90000" presentationTimeOffset="0" initialization="init-v1.mp4" \
                media="seg-v1-t$Time$.m4s">
                        <SegmentTimeline>
                          <S t="161596296000000" d="180000" r="2"/>
                        </SegmentTimeline>
                      </SegmentTemplate>
                      <Representation id="v1" codecs="avc1.4D401F" bandwidth="2500000" width="1280" height="720" \
                frameRate="25"/>
                    </AdaptationSet>
                    <AdaptationSet id="2" mimeType="audio/mp4" contentType="audio" segmentAlignment="true" \
                startWithSAP="1">
                      <SegmentTemplate timescale="90000" presentationTimeOffset="0" initialization="init-a2.mp4" \
                media="seg-a2-t$Time$.m4s">
                        <SegmentTimeline>
                          <S t="161596296000000" d="180000" r="2"/>
                        </SegmentTimeline>
                      </SegmentTemplate>
                      <Representation id="a2" codecs="mp4a.40.2" bandwidth="128000" audioSamplingRate="48000">
                        <AudioChannelConfiguration \
                schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/>
                      </Representation>
                    </AdaptationSet>
                  </Period>
                  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-iso:2014" value="../time"/>
                  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:direct:2014" value="2026-11-24T10:00:06.250Z"/>
                </MPD>
                """);
    }

    @Test
    void isWellFormedXmlWithTheTimelineOfTheWindowForEveryTrack() throws Exception {
        List<Segment> window = List.of(segment(40, T0, TWO), segment(41, T0 + TWO, TWO),
                segment(42, T0 + 2 * TWO, 3 * Timebase.HZ),
                segment(43, T0 + 2 * TWO + 3 * Timebase.HZ + 900, TWO), // a 10 ms gap before it
                segment(44, T0 + 3 * TWO + 3 * Timebase.HZ + 900, TWO));
        Document doc = parse(DashManifest.live(DashWindow.of(window), STREAM, NOW, Optional.empty()));
        Element mpd = doc.getDocumentElement();
        assertThat(mpd.getLocalName()).isEqualTo("MPD");
        assertThat(mpd.getNamespaceURI()).isEqualTo(NS);
        assertThat(mpd.getAttribute("timeShiftBufferDepth")).isEqualTo("PT11.010S");
        assertThat(mpd.getAttribute("suggestedPresentationDelay")).isEqualTo("PT9.000S");
        assertThat(mpd.getAttribute("maxSegmentDuration")).isEqualTo("PT3.000S");
        assertThat(doc.getElementsByTagNameNS(NS, "UTCTiming").getLength()).isZero();
        List<Element> templates = all(doc, "SegmentTemplate");
        assertThat(templates).extracting(t -> t.getAttribute("media"))
                .containsExactly("seg-v1-t$Time$.m4s", "seg-a2-t$Time$.m4s");
        for (Element template : templates) {
            assertThat(template.hasAttribute("startNumber")).isFalse();
            assertThat(template.getAttribute("timescale")).isEqualTo("90000");
            assertThat(timeline(template)).containsExactly(
                    "t=" + T0 + " d=180000 r=1",
                    "d=270000",
                    "t=" + (T0 + 2 * TWO + 3 * Timebase.HZ + 900) + " d=180000 r=1");
        }
    }

    @Test
    void timelineSumsToTheSegments() throws Exception {
        List<Segment> window = new ArrayList<>();
        long t = T0;
        long[] durations = {180_000, 180_000, 179_999, 180_001, 180_000, 180_000, 180_000};
        for (int i = 0; i < durations.length; i++) {
            window.add(segment(i + 1, t, durations[i]));
            t += durations[i];
        }
        Document doc = parse(DashManifest.live(DashWindow.of(window), STREAM, NOW, Optional.empty()));
        for (Element template : all(doc, "SegmentTemplate")) {
            NodeList s = template.getElementsByTagNameNS(NS, "S");
            List<Long> expanded = new ArrayList<>();
            for (int i = 0; i < s.getLength(); i++) {
                Element e = (Element) s.item(i);
                int repeat = e.hasAttribute("r") ? Integer.parseInt(e.getAttribute("r")) : 0;
                for (int r = 0; r <= repeat; r++) {
                    expanded.add(Long.parseLong(e.getAttribute("d")));
                }
            }
            assertThat(expanded).containsExactly(180_000L, 180_000L, 179_999L, 180_001L, 180_000L, 180_000L, 180_000L);
            assertThat(s.getLength()).isEqualTo(4);
        }
    }

    @Test
    void aSegmentWithoutFramesOfATrackIsLeftOutOfThatTracksTimeline() throws Exception {
        DashStreamInfo noAudioIn101 = new DashStreamInfo(t -> "x", (s, t) -> 1, (s, t) ->
                !t.isVideo() && s.number() == 101 ? Optional.empty()
                        : Optional.of(new TrackSpan(s.startDts() + (t.isVideo() ? 0 : 960), s.duration())));
        Document doc = parse(DashManifest.live(DashWindow.of(threeSegments()), noAudioIn101, NOW, Optional.empty()));
        List<Element> templates = all(doc, "SegmentTemplate");
        assertThat(timeline(templates.get(0))).containsExactly("t=" + T0 + " d=180000 r=2");
        assertThat(timeline(templates.get(1))).containsExactly("t=" + (T0 + 960) + " d=180000",
                "t=" + (T0 + 2 * TWO + 960) + " d=180000");
        assertThat(doc.getDocumentElement().getAttribute("timeShiftBufferDepth")).isEqualTo("PT6.011S");
    }

    @Test
    void discontinuityStartsANewPeriod() throws Exception {
        long jump = T0 + 20 * TWO;
        List<Segment> window = List.of(segment(7, T0, TWO), segment(8, T0 + TWO, TWO),
                discontinuity(9, jump + 45, TWO), segment(10, jump + 45 + TWO, TWO));
        Document doc = parse(DashManifest.live(new DashWindow(window, 2, T0 - 10 * TWO), STREAM, NOW,
                Optional.empty()));
        List<Element> periods = all(doc, "Period");
        assertThat(periods).hasSize(2);
        Element first = periods.get(0);
        Element second = periods.get(1);
        assertThat(first.getAttribute("id")).isEqualTo("2");
        assertThat(first.getAttribute("start")).isEqualTo("PT1795514380.000S");
        assertThat(second.getAttribute("id")).isEqualTo("3");
        assertThat(second.getAttribute("start")).isEqualTo("PT1795514440.000S");
        List<Element> firstTemplates = children(first, "SegmentTemplate");
        List<Element> secondTemplates = children(second, "SegmentTemplate");
        assertThat(firstTemplates).hasSize(2);
        assertThat(secondTemplates).hasSize(2);
        for (Element template : firstTemplates) {
            assertThat(template.hasAttribute("startNumber")).isFalse();
            assertThat(template.getAttribute("presentationTimeOffset")).isEqualTo(Long.toString(T0 - 10 * TWO));
            assertThat(timeline(template)).containsExactly("t=" + T0 + " d=180000 r=1");
        }
        for (Element template : secondTemplates) {
            assertThat(template.hasAttribute("startNumber")).isFalse();
            assertThat(template.getAttribute("presentationTimeOffset")).isEqualTo(Long.toString(jump));
            assertThat(timeline(template)).containsExactly("t=" + (jump + 45) + " d=180000 r=1");
        }
    }

    @Test
    void periodIdAndStartStayWhenTheFlaggedSegmentIsFirstOrHasSlidOut() throws Exception {
        long jump = T0 + 20 * TWO;
        Segment flagged = discontinuity(9, jump, TWO);
        Segment next = segment(10, jump + TWO, TWO);
        Element flaggedFirst = only(parse(DashManifest.live(new DashWindow(List.of(flagged, next), 2, 0),
                STREAM, NOW, Optional.empty())), "Period");
        Element slidOut = only(parse(DashManifest.live(new DashWindow(List.of(next), 3, jump),
                STREAM, NOW, Optional.empty())), "Period");
        assertThat(flaggedFirst.getAttribute("id")).isEqualTo("3").isEqualTo(slidOut.getAttribute("id"));
        assertThat(flaggedFirst.getAttribute("start")).isEqualTo("PT1795514440.000S")
                .isEqualTo(slidOut.getAttribute("start"));
    }

    @Test
    void audioOnlyStreamHasOneAudioAdaptationSet() throws Exception {
        Track track = Track.audio(1, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 44100, 1);
        InitSegment audio = new InitSegment(1, List.of(track), new byte[0]);
        Segment s = Segment.complete(1, T0, TWO, audio, false, new byte[0]);
        Document doc = parse(DashManifest.live(DashWindow.of(List.of(s)), STREAM, NOW, Optional.empty()));
        Element set = only(doc, "AdaptationSet");
        assertThat(set.getAttribute("id")).isEqualTo("1");
        assertThat(set.getAttribute("mimeType")).isEqualTo("audio/mp4");
        assertThat(set.getAttribute("contentType")).isEqualTo("audio");
        assertThat(set.hasAttribute("lang")).isFalse();
        assertThat(only(doc, "SegmentTemplate").getAttribute("initialization")).isEqualTo("init-a1.mp4");
        assertThat(only(doc, "SegmentTemplate").getAttribute("media")).isEqualTo("seg-a1-t$Time$.m4s");
        Element rep = only(doc, "Representation");
        assertThat(rep.getAttribute("id")).isEqualTo("a1");
        assertThat(rep.getAttribute("codecs")).isEqualTo("mp4a.40.2");
        assertThat(rep.getAttribute("audioSamplingRate")).isEqualTo("44100");
        assertThat(only(doc, "AudioChannelConfiguration").getAttribute("value")).isEqualTo("1");
        assertThat(rep.hasAttribute("width")).isFalse();
        assertThat(rep.hasAttribute("frameRate")).isFalse();
    }

    @Test
    void audioCarriesItsLanguageAndVideoHasNoAudioAttributes() throws Exception {
        Track german = new Track(3, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 0, 0, 0, 48000, 2, "ger");
        InitSegment init = new InitSegment(1, List.of(AV.tracks().get(0), german), new byte[0]);
        Segment s = Segment.complete(1, T0, TWO, init, false, new byte[0]);
        Document doc = parse(DashManifest.live(DashWindow.of(List.of(s)), STREAM, NOW, Optional.empty()));
        List<Element> sets = all(doc, "AdaptationSet");
        assertThat(sets).extracting(e -> e.getAttribute("id")).containsExactly("1", "3");
        assertThat(sets.get(0).hasAttribute("lang")).isFalse();
        assertThat(sets.get(1).getAttribute("lang")).isEqualTo("ger");
        Element video = children(sets.get(0), "Representation").getFirst();
        assertThat(video.getAttribute("id")).isEqualTo("v1");
        assertThat(video.hasAttribute("audioSamplingRate")).isFalse();
        assertThat(children(video, "AudioChannelConfiguration")).isEmpty();
        assertThat(children(sets.get(1), "Representation").getFirst().getAttribute("id")).isEqualTo("a3");
    }

    @Test
    void bandwidthIsEachTracksPeakRateOverItsPeriod() throws Exception {
        List<Segment> window = List.of(segment(1, T0, TWO), segment(2, T0 + TWO, 3 * Timebase.HZ),
                segment(3, T0 + TWO + 3 * Timebase.HZ, TWO));
        // 1 000 001 video bytes in segment 2 (3 s): 2 666 669.33 bit/s, rounded up.
        DashStreamInfo info = new DashStreamInfo(t -> "x", (s, t) -> t.isVideo()
                ? (s.number() == 2 ? 1_000_001 : 500_000)
                : (s.number() == 3 ? 40_000 : 0));
        List<Element> reps = all(parse(DashManifest.live(DashWindow.of(window), info, NOW, Optional.empty())),
                "Representation");
        assertThat(reps).extracting(e -> e.getAttribute("bandwidth")).containsExactly("2666670", "160000");
        List<Element> none = all(parse(DashManifest.live(DashWindow.of(window),
                new DashStreamInfo(t -> "x", (s, t) -> 0), NOW, Optional.empty())), "Representation");
        assertThat(none).extracting(e -> e.getAttribute("bandwidth")).containsExactly("1000", "1000");
    }

    @Test
    void tracksAndCodecsComeFromEachPeriodsInit() throws Exception {
        InitSegment hevc = new InitSegment(2, List.of(
                Track.video(1, Codec.H265, new byte[] {1}, 1920, 1080, 30000.0 / 1001)), new byte[0]);
        List<Segment> window = List.of(segment(1, T0, TWO),
                Segment.complete(2, T0 + TWO, TWO, hevc, true, new byte[0]));
        DashStreamInfo info = new DashStreamInfo(t -> switch (t.codec()) {
            case H264 -> "avc1.4D401F";
            case H265 -> "hvc1.1.6.L120.90";
            case AAC -> "mp4a.40.2";
        }, (s, t) -> 1);
        List<Element> periods = all(parse(DashManifest.live(DashWindow.of(window), info, NOW, Optional.empty())),
                "Period");
        assertThat(children(periods.get(0), "Representation")).extracting(e -> e.getAttribute("codecs"))
                .containsExactly("avc1.4D401F", "mp4a.40.2");
        List<Element> second = children(periods.get(1), "Representation");
        assertThat(second).hasSize(1);
        assertThat(second.getFirst().getAttribute("id")).isEqualTo("v1");
        assertThat(second.getFirst().getAttribute("codecs")).isEqualTo("hvc1.1.6.L120.90");
        assertThat(second.getFirst().getAttribute("frameRate")).isEqualTo("30000/1001");
        assertThat(second.getFirst().getAttribute("width")).isEqualTo("1920");
    }

    @Test
    void escapesAttributeValues() throws Exception {
        String odd = "a&b<c>\"d'e";
        Document doc = parse(DashManifest.live(DashWindow.of(threeSegments()),
                new DashStreamInfo(t -> odd, (s, t) -> 1), NOW, Optional.of("http://h/time?a=1&b=\"2\"")));
        assertThat(all(doc, "Representation")).extracting(e -> e.getAttribute("codecs")).containsExactly(odd, odd);
        assertThat(all(doc, "UTCTiming").getFirst().getAttribute("value")).isEqualTo("http://h/time?a=1&b=\"2\"");
        assertThatThrownBy(() -> DashManifest.live(DashWindow.of(threeSegments()),
                new DashStreamInfo(t -> "a\u0001", (s, t) -> 1), NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsWindowsThatCannotBeAManifest() {
        assertThatThrownBy(() -> DashWindow.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DashWindow.of(List.of(new Segment(1, T0, AV, false))))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> DashWindow.of(List.of(segment(1, T0, TWO), segment(3, T0 + TWO, TWO))))
                .hasMessageContaining("does not follow");
        assertThatThrownBy(() -> DashWindow.of(List.of(segment(1, T0, TWO), segment(2, T0 + TWO - 1, TWO))))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> new DashWindow(threeSegments(), 0, T0 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DashWindow(threeSegments(), -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frameRatesAreWrittenAsIntegersOrFractions() {
        assertThat(FrameRate.of(25)).isEqualTo("25");
        assertThat(FrameRate.of(29.97)).isEqualTo("30000/1001");
        assertThat(FrameRate.of(60000.0 / 1001)).isEqualTo("60000/1001");
        assertThat(FrameRate.of(12.5)).isEqualTo("25/2");
        assertThatThrownBy(() -> FrameRate.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsAreXsDurations() {
        assertThat(XsDuration.ofTicks(180_000)).isEqualTo("PT2.000S");
        assertThat(XsDuration.ofTicks(180_044)).isEqualTo("PT2.000S");
        assertThat(XsDuration.ofTicks(180_045)).isEqualTo("PT2.001S");
        assertThat(XsDuration.ofMillis(7_200_000)).isEqualTo("PT7200.000S");
        assertThatThrownBy(() -> XsDuration.ofMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Segment> threeSegments() {
        return List.of(segment(100, T0, TWO), segment(101, T0 + TWO, TWO), segment(102, T0 + 2 * TWO, TWO));
    }

    private static Segment segment(long number, long start, long duration) {
        return Segment.complete(number, start, duration, AV, false, new byte[0]);
    }

    private static Segment discontinuity(long number, long start, long duration) {
        return Segment.complete(number, start, duration, AV, true, new byte[0]);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element only(Document doc, String name) {
        List<Element> list = all(doc, name);
        assertThat(list).as(name).hasSize(1);
        return list.getFirst();
    }

    private static List<Element> all(Document doc, String name) {
        return elements(doc.getElementsByTagNameNS(NS, name));
    }

    /** Descendants of {@code parent} named {@code name}. */
    private static List<Element> children(Element parent, String name) {
        return elements(parent.getElementsByTagNameNS(NS, name));
    }

    private static List<Element> elements(NodeList list) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static List<String> timeline(Element template) {
        List<String> out = new ArrayList<>();
        for (Element e : children(template, "S")) {
            String text = (e.hasAttribute("t") ? "t=" + e.getAttribute("t") + " " : "") + "d=" + e.getAttribute("d")
                    + (e.hasAttribute("r") ? " r=" + e.getAttribute("r") : "");
            out.add(text);
        }
        return out;
    }
}
