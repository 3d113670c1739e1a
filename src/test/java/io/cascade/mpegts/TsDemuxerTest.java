package io.cascade.mpegts;

import io.cascade.codec.Nal;
import io.cascade.codec.TestClips;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RequiresTools
class TsDemuxerTest {
    private static Path h264File;
    private static byte[] h264Ts;
    private static byte[] h265Ts;

    @BeforeAll
    static void encode(@TempDir Path dir) throws Exception {
        h264File = TestClips.make(dir, "a.ts", "libx264", 2, "-c:a", "aac", "-f", "mpegts");
        h264Ts = TestClips.read(h264File);
        h265Ts = TestClips.read(TestClips.make(dir, "b.ts", "libx265", 2, "-c:a", "aac", "-f", "mpegts"));
    }

    @Test
    void findsTracksOfAnH264Stream() throws Exception {
        Demuxed out = Demuxed.of(h264Ts);
        assertThat(out.trackEvents).hasSize(1);
        List<Track> tracks = out.tracks();
        assertThat(tracks).hasSize(2);
        Track video = tracks.get(0);
        assertThat(video.id()).isEqualTo(1);
        assertThat(video.codec()).isEqualTo(Codec.H264);
        assertThat(video.width()).isEqualTo(640);
        assertThat(video.height()).isEqualTo(360);
        assertThat(video.frameRate()).isEqualTo(25.0);
        Track audio = tracks.get(1);
        assertThat(audio.id()).isEqualTo(2);
        assertThat(audio.codec()).isEqualTo(Codec.AAC);
        assertThat(audio.sampleRate()).isEqualTo(48000);
        assertThat(audio.channels()).isEqualTo(1);
    }

    @Test
    void videoFramesMatchWhatFfprobeSees() throws Exception {
        List<String> probed = TestClips.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
                "-show_entries", "packet=pts,dts,flags", "-of", "csv=p=0", h264File.toString()))
                .lines().filter(l -> !l.isBlank()).toList();
        List<Frame> video = Demuxed.of(h264Ts).framesOf(1);
        assertThat(video).hasSize(probed.size()).hasSize(50);
        for (int i = 0; i < video.size(); i++) {
            String[] fields = probed.get(i).split(",");
            Frame f = video.get(i);
            assertThat(f.pts()).as("pts of frame " + i).isEqualTo(Long.parseLong(fields[0]));
            assertThat(f.dts()).as("dts of frame " + i).isEqualTo(Long.parseLong(fields[1]));
            assertThat(f.keyframe()).as("keyframe " + i).isEqualTo(fields[2].startsWith("K"));
        }
        assertThat(video.get(0).keyframe()).isTrue();
        assertThat(video.get(25).keyframe()).isTrue();
        assertThat(video.stream().filter(Frame::keyframe)).hasSize(2);
        assertThat(video).allSatisfy(f -> assertThat(f.duration()).isEqualTo(3600));
    }

    @Test
    void videoFramesAreLengthPrefixedWithoutParameterSets() throws Exception {
        for (Frame f : Demuxed.of(h264Ts).framesOf(1)) {
            List<byte[]> nals = Nal.splitLengthPrefixed(f.data());
            assertThat(nals).isNotEmpty();
            assertThat(nals).noneMatch(n -> Nal.isH264(n, Nal.H264_AUD) || Nal.isH264(n, Nal.H264_SPS)
                    || Nal.isH264(n, Nal.H264_PPS));
            assertThat(f.keyframe()).isEqualTo(nals.stream().anyMatch(n -> Nal.isH264(n, Nal.H264_IDR)));
        }
    }

    @Test
    void audioFramesAreSplitFromAdtsAndEvenlySpaced() throws Exception {
        List<Frame> audio = Demuxed.of(h264Ts).framesOf(2);
        assertThat(audio).hasSizeBetween(93, 96);
        for (int i = 1; i < audio.size(); i++) {
            assertThat(audio.get(i).dts() - audio.get(i - 1).dts()).isEqualTo(1920);
        }
        assertThat(audio).allSatisfy(f -> {
            assertThat(f.duration()).isEqualTo(1920);
            assertThat(f.keyframe()).isTrue();
            assertThat(f.pts()).isEqualTo(f.dts());
            assertThat(f.data()[0] & 0xff).isNotEqualTo(0xff); // ADTS header stripped
        });
    }

    @Test
    void anySplitOfTheInputGivesTheSameResult() throws Exception {
        Demuxed whole = Demuxed.of(h264Ts);
        for (long seed = 1; seed <= 3; seed++) {
            Demuxed pieces = Demuxed.inPieces(h264Ts, seed);
            assertThat(pieces.trackEvents).isEqualTo(whole.trackEvents);
            assertSameFrames(pieces.frames, whole.frames);
        }
    }

    @Test
    void demuxesH265() throws Exception {
        Demuxed out = Demuxed.of(h265Ts);
        Track video = out.tracks().get(0);
        assertThat(video.codec()).isEqualTo(Codec.H265);
        assertThat(video.width()).isEqualTo(640);
        assertThat(video.height()).isEqualTo(360);
        List<Frame> frames = out.framesOf(1);
        assertThat(frames).hasSize(50);
        assertThat(frames.get(0).keyframe()).isTrue();
        assertThat(frames.stream().filter(Frame::keyframe).count()).isBetween(2L, 3L);
        for (Frame f : frames) {
            assertThat(Nal.splitLengthPrefixed(f.data())).noneMatch(n -> n.length >= 2
                    && ((n[0] >> 1) & 0x3f) >= Nal.H265_VPS && ((n[0] >> 1) & 0x3f) <= Nal.H265_AUD);
        }
        assertMonotonicDts(frames);
    }

    @Test
    void resyncsAfterGarbage() throws Exception {
        Random random = new Random(5);
        byte[] garbage = new byte[5000];
        random.nextBytes(garbage);
        Arrays.fill(garbage, 100, 110, (byte) 0x47);
        int cut = 188 * 300 + 17; // garbage in the middle of a packet
        byte[] input = concat(garbage, Arrays.copyOf(h264Ts, cut), garbage, Arrays.copyOfRange(h264Ts, cut, h264Ts.length));
        Demuxed clean = Demuxed.of(h264Ts);
        Demuxed out = Demuxed.inPieces(input, 9);
        assertThat(out.tracks()).isEqualTo(clean.tracks());
        assertThat(out.framesOf(1).size()).isBetween(45, 50);
        assertThat(out.framesOf(2).size()).isBetween(85, 95);
        assertMonotonicDts(out.framesOf(1));
        assertMonotonicDts(out.framesOf(2));
    }

    @Test
    void survivesTruncatedAndCorruptedStreams() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 30; i++) {
            byte[] damaged = Arrays.copyOf(h264Ts, random.nextInt(h264Ts.length));
            for (int j = 0; j < 50 && damaged.length > 0; j++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            Demuxed out = Demuxed.inPieces(damaged, i);
            out.frames.forEach(f -> assertThat(f.trackId()).isBetween(1, 2));
        }
    }

    @Test
    void randomBytesNeverThrowUnchecked() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(20_000)];
            random.nextBytes(junk);
            for (int j = 0; j < junk.length; j += 188) {
                junk[j] = 0x47; // looks synced, so the packet and section parsers see the junk
            }
            Demuxed out = Demuxed.inPieces(junk, i);
            assertThat(out.frames).isEmpty();
        }
    }

    @Test
    void inputThatIsNotTransportStreamFailsClearly() throws Exception {
        TsDemuxer demuxer = new TsDemuxer(new Demuxed());
        byte[] zeros = new byte[TsPacketReader.MAX_UNSYNCED_BYTES + 1000];
        assertThatThrownBy(() -> demuxer.feed(zeros, 0, zeros.length))
                .isInstanceOf(TsFormatException.class).hasMessageContaining("sync");
        demuxer.feed(h264Ts); // still usable afterwards
        demuxer.end();
    }

    static void assertMonotonicDts(List<Frame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).dts()).isGreaterThan(frames.get(i - 1).dts());
        }
    }

    static void assertSameFrames(List<Frame> actual, List<Frame> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            Frame a = actual.get(i);
            Frame e = expected.get(i);
            assertThat(a.trackId()).isEqualTo(e.trackId());
            assertThat(a.dts()).as("dts of frame " + i).isEqualTo(e.dts());
            assertThat(a.pts()).as("pts of frame " + i).isEqualTo(e.pts());
            assertThat(a.duration()).as("duration of frame " + i).isEqualTo(e.duration());
            assertThat(a.keyframe()).isEqualTo(e.keyframe());
            assertThat(a.data()).as("data of frame " + i).isEqualTo(e.data());
        }
    }

    static byte[] concat(byte[]... parts) {
        int total = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[total];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
