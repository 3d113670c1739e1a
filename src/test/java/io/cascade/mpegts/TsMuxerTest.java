package io.cascade.mpegts;

import io.cascade.codec.AudioSpecificConfig;
import io.cascade.codec.AvcConfig;
import io.cascade.codec.Nal;
import io.cascade.codec.TestClips;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RequiresTools
class TsMuxerTest {
    /** 2025-01-01T00:00:00Z in 90 kHz ticks: far beyond 2^33, as on the live timeline. */
    private static final long EPOCH_2025 = 1_735_689_600L * 90_000;

    private static Demuxed h264;
    private static Demuxed h265;
    private static Demuxed small;

    @TempDir
    Path dir;

    @BeforeAll
    static void encode(@TempDir Path tmp) throws Exception {
        h264 = Demuxed.of(TestClips.read(TestClips.make(tmp, "a.ts", "libx264", 2, "-c:a", "aac", "-f", "mpegts")));
        h265 = Demuxed.of(TestClips.read(TestClips.make(tmp, "b.ts", "libx265", 2, "-c:a", "aac", "-f", "mpegts")));
        small = Demuxed.of(TestClips.read(TestClips.make(tmp, "c.ts", "libx264", 1, "-an", "-s", "320x180", "-f", "mpegts")));
    }

    @Test
    void roundTripGivesBackTheSameTracksAndFrames() throws Exception {
        for (Demuxed source : List.of(h264, h265)) {
            byte[] ts = TsSegmentWriter.write(source.tracks(), source.frames, 1);
            Demuxed back = Demuxed.of(ts);
            assertThat(back.trackEvents).containsExactly(source.tracks());
            TsDemuxerTest.assertSameFrames(sortedByTrack(back.frames), sortedByTrack(source.frames));
        }
    }

    @Test
    void epochTimestampsComeBackModulo33Bits() throws Exception {
        List<Frame> shifted = h264.frames.stream().map(f -> f.shifted(EPOCH_2025)).toList();
        Demuxed back = Demuxed.of(TsSegmentWriter.write(h264.tracks(), shifted, 1));
        List<Frame> in = sortedByTrack(shifted);
        List<Frame> out = sortedByTrack(back.frames);
        assertThat(out).hasSameSizeAs(in);
        for (int i = 0; i < in.size(); i++) {
            assertThat(out.get(i).dts()).isEqualTo(in.get(i).dts() % (1L << 33));
            assertThat(out.get(i).pts() - out.get(i).dts()).isEqualTo(in.get(i).pts() - in.get(i).dts());
        }
    }

    @Test
    void timestampsStayContinuousAcrossThe33BitWrap() throws Exception {
        long wrap = 1L << 33;
        long start = wrap - 90_000; // one second before the wrap
        List<Frame> frames = h264.frames.stream().map(f -> f.shifted(start - h264.frames.getFirst().dts())).toList();
        Demuxed back = Demuxed.of(TsSegmentWriter.write(h264.tracks(), frames, 1));
        List<Frame> video = back.framesOf(1);
        assertThat(video).hasSize(50);
        TsDemuxerTest.assertMonotonicDts(video);
        TsDemuxerTest.assertMonotonicDts(back.framesOf(2));
        assertThat(video.getLast().dts()).isGreaterThan(wrap);
        assertThat(video.getLast().dts() - video.getFirst().dts()).isEqualTo(49 * 3600L);
    }

    @Test
    void ffprobeReadsMuxedFilesWithoutErrors() throws Exception {
        for (Demuxed source : List.of(h264, h265)) {
            Path file = dir.resolve("muxed.ts");
            List<Frame> shifted = source.frames.stream().map(f -> f.shifted(EPOCH_2025)).toList();
            Files.write(file, TsSegmentWriter.write(source.tracks(), shifted, 1));
            String out = TestClips.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height,sample_rate",
                    "-of", "csv=p=0", file.toString()));
            String expectedVideo = source.tracks().getFirst().codec() == Codec.H264 ? "h264,640,360" : "hevc,640,360";
            // ffprobe lists each stream twice: once in the program, once on its own
            assertThat(out.lines().filter(l -> !l.isBlank()).distinct().toList()).containsExactly(expectedVideo, "aac,48000");
            String decodeErrors = TestClips.run(List.of(TestClips.FFMPEG, "-v", "error", "-i", file.toString(), "-f", "null", "-"));
            assertThat(decodeErrors).isBlank();
        }
    }

    @Test
    void segmentsAreDeterministic() throws Exception {
        byte[] first = TsSegmentWriter.write(h264.tracks(), h264.frames, 1);
        byte[] second = TsSegmentWriter.write(h264.tracks(), h264.frames, 1);
        assertThat(first).isEqualTo(second);
        assertThat(first.length % 188).isZero();
    }

    @Test
    void packetsFollowTheRules() throws Exception {
        byte[] ts = TsSegmentWriter.write(h264.tracks(), h264.frames, 0);
        Map<Integer, Integer> continuity = new HashMap<>();
        long lastPcr = -1;
        int keyframesWithPcr = 0;
        int keyframeStarts = 0;
        for (int off = 0; off < ts.length; off += 188) {
            assertThat(ts[off]).isEqualTo((byte) 0x47);
            TsPacket p = TsPacket.parse(ts, off);
            assertThat(p).isNotNull();
            if (off == 0) {
                assertThat(p.pid()).isZero();
            } else if (off == 188) {
                assertThat(p.pid()).isEqualTo(TsMuxer.PMT_PID);
            }
            assertThat(p.pid()).isIn(0, TsMuxer.PMT_PID, 0x100, 0x101);
            if (p.hasPayload()) {
                int expected = continuity.merge(p.pid(), 0, (old, zero) -> (old + 1) & 15);
                assertThat(p.continuity()).isEqualTo(expected);
            }
            boolean hasAdaptation = (ts[off + 3] & 0x20) != 0 && (ts[off + 4] & 0xff) > 0;
            boolean pcr = hasAdaptation && (ts[off + 5] & 0x10) != 0;
            boolean randomAccess = hasAdaptation && (ts[off + 5] & 0x40) != 0;
            if (pcr) {
                assertThat(p.pid()).isEqualTo(0x100);
                long value = ((ts[off + 6] & 0xffL) << 25) | ((ts[off + 7] & 0xffL) << 17) | ((ts[off + 8] & 0xffL) << 9)
                        | ((ts[off + 9] & 0xffL) << 1) | ((ts[off + 10] & 0x80) >> 7);
                if (lastPcr >= 0) {
                    assertThat(value).isGreaterThanOrEqualTo(lastPcr);
                    assertThat(value - lastPcr).isLessThanOrEqualTo(9000);
                }
                lastPcr = value;
            }
            if (p.pid() == 0x100 && p.unitStart() && randomAccess) {
                keyframeStarts++;
                if (pcr) {
                    keyframesWithPcr++;
                }
            }
        }
        assertThat(keyframeStarts).isEqualTo(2);
        assertThat(keyframesWithPcr).isEqualTo(2);
        assertThat(continuity).containsEntry(0, 0).containsEntry(TsMuxer.PMT_PID, 0);
    }

    @Test
    void tenConsecutiveSegmentsPlayedBackToBackAreContinuousOnEveryPid() throws Exception {
        long secondKeyframe = h264.framesOf(1).stream().filter(Frame::keyframe).skip(1).findFirst().orElseThrow().dts();
        List<List<Frame>> gops = List.of(
                h264.frames.stream().filter(f -> f.dts() < secondKeyframe).toList(),
                h264.frames.stream().filter(f -> f.dts() >= secondKeyframe).toList());
        long first = 987_654_318; // numbers 318..327 cross a multiple of 16
        java.io.ByteArrayOutputStream played = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < 10; k++) {
            long loop = EPOCH_2025 + (k / 2) * 60 * 3600L; // past the clip's audio, which outlasts its video
            List<Frame> frames = gops.get(k % 2).stream().map(f -> f.shifted(loop)).toList();
            byte[] segment = TsSegmentWriter.write(h264.tracks(), frames, first + k);
            assertThat(TsContinuity.breaks(segment)).as("within segment %d", k).isEmpty();
            assertThat(segment[3] & 15).as("PAT counter of segment %d", k).isEqualTo((int) ((first + k) % 16));
            assertThat(TsContinuity.payloadPackets(segment)).as("segment %d", k)
                    .containsEntry(0, 1).containsEntry(TsMuxer.PMT_PID, 1)
                    .allSatisfy((pid, n) -> assertThat(pid < 0x100 || pid == TsMuxer.PMT_PID || n % 16 == 0)
                            .as("pid %x: %d payload packets", pid, n).isTrue());
            played.writeBytes(segment);
        }
        byte[] all = played.toByteArray();
        assertThat(TsContinuity.breaks(all)).isEmpty();
        Demuxed back = Demuxed.of(all);
        assertThat(back.frames).hasSize(5 * h264.frames.size());
        for (int track = 1; track <= 2; track++) {
            List<Frame> in = h264.framesOf(track);
            List<Frame> out = back.framesOf(track);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i).data()).as("frame %d of track %d", i, track).isEqualTo(in.get(i % in.size()).data());
            }
        }
        TsDemuxerTest.assertMonotonicDts(back.framesOf(1));
        TsDemuxerTest.assertMonotonicDts(back.framesOf(2));
    }

    @Test
    void everyAmountOfPaddingKeepsTheCountersAtAMultipleOf16() throws Exception {
        Track video = h264.tracks().getFirst();
        Track audio = h264.tracks().get(1);
        java.util.Random random = new java.util.Random(12);
        java.io.ByteArrayOutputStream played = new java.io.ByteArrayOutputStream();
        java.util.Set<Integer> paddings = new java.util.HashSet<>();
        for (int segment = 0; segment < 64; segment++) {
            List<Frame> frames = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                long t = EPOCH_2025 + segment * 200_000L + i * 3600L;
                // tiny frames (a bare delimiter or ADTS header) up to several packets
                byte[] data = new byte[random.nextBoolean() ? 0 : random.nextInt(1500)];
                if (random.nextBoolean() && i > 0) {
                    frames.add(new Frame(audio.id(), t, t, 1920, true, data));
                } else {
                    frames.add(new Frame(video.id(), t, t + 7200, 3600, i == 0, data.length < 4 ? new byte[0] : lengthPrefixed(data)));
                }
            }
            byte[] ts = TsSegmentWriter.write(List.of(video, audio), frames, segment);
            TsMuxer plain = new TsMuxer(List.of(video, audio));
            int unpadded = plain.header(segment).length;
            for (Frame f : frames) {
                unpadded += plain.mux(f).length;
            }
            paddings.add((ts.length - unpadded) / 188 % 16);
            for (int off = 0; off < ts.length; off += 188) {
                assertThat(TsPacket.parse(ts, off)).as("packet %d of segment %d", off / 188, segment).isNotNull();
            }
            TsContinuity.payloadPackets(ts).forEach((pid, n) -> {
                if (pid >= 0x100 && pid != TsMuxer.PMT_PID) {
                    assertThat(n % 16).as("payload packets of pid %x", pid).isZero();
                }
            });
            played.writeBytes(ts);
        }
        assertThat(TsContinuity.breaks(played.toByteArray())).isEmpty();
        assertThat(paddings).as("padding amounts seen").hasSizeGreaterThan(8);
    }

    @Test
    void theTsFormIsAFunctionOfTheFramesAndTheNumber() throws Exception {
        byte[] a = TsSegmentWriter.write(h264.tracks(), h264.frames, 41);
        byte[] b = TsSegmentWriter.write(h264.tracks(), List.copyOf(h264.frames), 41);
        byte[] next = TsSegmentWriter.write(h264.tracks(), h264.frames, 42);
        assertThat(a).isEqualTo(b);
        assertThat(next).hasSameSizeAs(a);
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != next[i]) {
                differing.add(i);
            }
        }
        assertThat(differing).as("only the PAT and PMT counters follow the number").containsExactly(3, 188 + 3);
    }

    private static byte[] lengthPrefixed(byte[] data) throws Exception {
        data[0] = 0x01; // a non-IDR slice header byte: nal_unit_type 1
        return Nal.toLengthPrefixed(List.of(data));
    }

    @Test
    void keyframesCarryAudAndParameterSets() throws Exception {
        Track video = h264.tracks().getFirst();
        TsMuxer muxer = new TsMuxer(List.of(video));
        Frame key = h264.framesOf(1).getFirst();
        byte[] packets = muxer.mux(key);
        Demuxed back = new Demuxed();
        TsDemuxer demuxer = new TsDemuxer(back);
        demuxer.feed(muxer.header(0));
        demuxer.feed(packets);
        demuxer.end();
        assertThat(back.tracks()).containsExactly(video);
        assertThat(back.frames).hasSize(1);
        assertThat(back.frames.getFirst().data()).isEqualTo(key.data());
        // the PES payload begins with an access unit delimiter, then the SPS
        int pesStart = 4 + 1 + (packets[4] & 0xff);
        int esStart = pesStart + 9 + (packets[pesStart + 8] & 0xff);
        List<byte[]> nals = Nal.splitAnnexB(packets, esStart, 188 - esStart);
        assertThat(Nal.h264Type(nals.get(0))).isEqualTo(Nal.H264_AUD);
        assertThat(Nal.h264Type(nals.get(1))).isEqualTo(Nal.H264_SPS);
        assertThat(Nal.h264Type(nals.get(2))).isEqualTo(Nal.H264_PPS);
    }

    @Test
    void aNewSpsInTheStreamIsAnnouncedAsChangedTrack() throws Exception {
        Track big = h264.tracks().getFirst();
        Track smallTrack = small.tracks().getFirst();
        AvcConfig smallConfig = AvcConfig.parse(smallTrack.config());
        List<Frame> frames = new ArrayList<>(h264.framesOf(1));
        long offset = frames.getLast().dts() + 3600 - small.frames.getFirst().dts();
        for (Frame f : small.frames) {
            Frame moved = f.shifted(offset);
            if (f.keyframe()) { // an in-band SPS and PPS switch the resolution
                List<byte[]> nals = new ArrayList<>(smallConfig.sps());
                nals.addAll(smallConfig.pps());
                nals.addAll(Nal.splitLengthPrefixed(f.data()));
                moved = new Frame(moved.trackId(), moved.dts(), moved.pts(), moved.duration(), true, Nal.toLengthPrefixed(nals));
            }
            frames.add(moved);
        }
        Demuxed back = Demuxed.of(TsSegmentWriter.write(List.of(big), frames, 1));
        assertThat(back.trackEvents).hasSize(2);
        assertThat(back.trackEvents.get(0).getFirst().width()).isEqualTo(640);
        assertThat(back.trackEvents.get(1).getFirst().width()).isEqualTo(320);
        assertThat(back.trackEvents.get(1).getFirst().id()).isEqualTo(1);
        assertThat(back.frames).hasSize(50 + 25);
        assertThat(back.frames.get(50).data()).isEqualTo(small.frames.getFirst().data());
    }

    @Test
    void audioOnlyStreamsCarryThePcrOnTheAudioPid() throws Exception {
        Track audio = Track.audio(7, Codec.AAC, new AudioSpecificConfig(2, 44100, 2).toBytes(), 44100, 2);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = EPOCH_2025 + i * 2090L;
            frames.add(new Frame(7, t, t, 2090, true, new byte[] {(byte) i, 1, 2, 3}));
        }
        byte[] ts = TsSegmentWriter.write(List.of(audio), frames, 1);
        int pmt = 188 + 4 + 1; // PMT section after the packet header and pointer field
        assertThat(((ts[pmt + 8] & 0x1f) << 8) | (ts[pmt + 9] & 0xff)).isEqualTo(0x100); // PCR_PID
        Demuxed back = Demuxed.of(ts);
        assertThat(back.tracks()).containsExactly(audio.withId(1));
        assertThat(back.frames).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(back.frames.get(i).data()).containsExactly(i, 1, 2, 3);
        }
    }

    @Test
    void aStreamWithoutConfigDoesNotHoldBackTheOthersForever() throws Exception {
        Track video = h264.tracks().getFirst();
        Track audio = Track.audio(2, Codec.AAC, new AudioSpecificConfig(2, 48000, 1).toBytes(), 48000, 1);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 400; i++) { // 8.5 s of audio, no video at all
            frames.add(new Frame(2, i * 1920L, i * 1920L, 1920, true, new byte[] {1, 2}));
        }
        Demuxed back = new Demuxed();
        new TsDemuxer(back).feed(TsSegmentWriter.write(List.of(video, audio), frames, 1)); // no end(): live
        assertThat(back.trackEvents).containsExactly(List.of(audio));
        assertThat(back.frames).hasSizeGreaterThan(390);
    }

    @Test
    void rejectsFramesOfUnknownTracks() {
        TsMuxer muxer = new TsMuxer(h264.tracks());
        assertThatThrownBy(() -> muxer.mux(new Frame(9, 0, 0, 0, true, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9");
        assertThatThrownBy(() -> new TsMuxer(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Frame> sortedByTrack(List<Frame> frames) {
        List<Frame> sorted = new ArrayList<>(frames);
        sorted.sort(java.util.Comparator.comparingInt(Frame::trackId)); // stable: keeps per-track order
        return sorted;
    }
}
