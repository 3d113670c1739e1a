package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.Box;
import io.cascade.mp4.BoxReader;
import io.cascade.mp4.BoxWriter;
import io.cascade.mp4.FieldReader;
import io.cascade.mp4.Mp4FormatException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static io.cascade.cmaf.CmafInitTest.AAC;
import static io.cascade.cmaf.CmafInitTest.H264;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CmafFragmentTest {
    /** A UTC time in 90 kHz ticks (2023-11-14), far above 32 bits. */
    static final long T0 = 1_700_000_000L * 90_000;
    static final List<Track> TRACKS = List.of(H264, AAC);

    private static byte[] payload(int seed, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    /** Video I P B with B presented before P, and audio interleaved by dts. */
    static List<Frame> sampleFrames() {
        return List.of(
                new Frame(1, T0, T0 + 7200, 3600, true, payload(1, 100)),
                new Frame(2, T0, T0, 1920, true, payload(2, 20)),
                new Frame(2, T0 + 1920, T0 + 1920, 1920, true, payload(3, 21)),
                new Frame(1, T0 + 3600, T0 + 14400, 3600, false, payload(4, 50)),
                new Frame(2, T0 + 3840, T0 + 3840, 1920, true, payload(5, 22)),
                new Frame(1, T0 + 7200, T0 + 10800, 3600, false, payload(6, 30)));
    }

    @Test
    void framesSurviveTheRoundTrip() throws Exception {
        List<Frame> frames = sampleFrames();

        List<Frame> read = CmafReader.readFragments(CmafFragmentWriter.write(5, TRACKS, frames), TRACKS);

        assertSameFrames(read, frames);
    }

    @Test
    void sameFramesGiveTheSameBytes() {
        assertThat(CmafFragmentWriter.write(5, TRACKS, sampleFrames()))
                .isEqualTo(CmafFragmentWriter.write(5, TRACKS, sampleFrames()))
                .isNotEqualTo(CmafFragmentWriter.write(6, TRACKS, sampleFrames()));
    }

    @Test
    void writesTheCanonicalFragmentLayout() throws Exception {
        byte[] bytes = CmafFragmentWriter.write(5, TRACKS, sampleFrames());
        List<Box> top = BoxReader.readAll(ByteBuffer.wrap(bytes), 0, "fragment");
        Box moof = top.get(0);

        assertThat(top).extracting(Box::type).containsExactly("moof", "mdat");
        assertThat(moof.children()).extracting(Box::type).containsExactly("mfhd", "traf", "traf");
        FieldReader mfhd = moof.requireChild("mfhd").fields();
        mfhd.skip(4);
        assertThat(mfhd.u32()).isEqualTo(5);
        Box videoTraf = moof.children().get(1);
        FieldReader tfhd = videoTraf.requireChild("tfhd").fields();
        assertThat(tfhd.u32()).isEqualTo(0x020000);
        assertThat(tfhd.u32()).isEqualTo(1);
        FieldReader tfdt = videoTraf.requireChild("tfdt").fields();
        assertThat(tfdt.u8()).isEqualTo(1);
        tfdt.skip(3);
        assertThat(tfdt.u64()).isEqualTo(T0);
        FieldReader trun = videoTraf.requireChild("trun").fields();
        assertThat(trun.u32()).isEqualTo(0x01000F01);
        assertThat(trun.u32()).isEqualTo(3);
        assertThat(trun.s32()).isEqualTo(moof.size() + 8); // video data opens the mdat
        assertThat(new long[] {trun.u32(), trun.u32(), trun.u32(), trun.s32()})
                .containsExactly(3600, 100, 0x02000000, 7200);
        assertThat(new long[] {trun.u32(), trun.u32(), trun.u32(), trun.s32()})
                .containsExactly(3600, 50, 0x01010000, 10800);
        assertThat(top.get(1).bodySize()).isEqualTo(100 + 50 + 30 + 20 + 21 + 22);
    }

    @Test
    void missingDurationsComeFromTheNextOrPreviousFrameOrTheCodec() throws Exception {
        List<Frame> frames = List.of(
                new Frame(1, T0, T0, 0, true, payload(1, 5)),
                new Frame(1, T0 + 3000, T0 + 3000, 0, false, payload(2, 5)),
                new Frame(1, T0 + 7000, T0 + 7000, 0, false, payload(3, 5)),
                new Frame(2, T0, T0, 0, true, payload(4, 5)));

        List<Frame> read = CmafReader.readFragments(CmafFragmentWriter.write(1, TRACKS, frames), TRACKS);

        assertThat(read.stream().filter(f -> f.trackId() == 1).map(Frame::duration)).containsExactly(3000L, 4000L, 4000L);
        assertThat(read.stream().filter(f -> f.trackId() == 2).map(Frame::duration)).containsExactly(1920L);
        assertThat(CmafReader.readFragments(CmafFragmentWriter.write(1, TRACKS,
                List.of(new Frame(1, T0, T0, 0, true, payload(1, 5)))), TRACKS).get(0).duration()).isEqualTo(3600);
    }

    @Test
    void negativeCompositionOffsetsRoundTrip() throws Exception {
        List<Frame> frames = List.of(new Frame(1, T0, T0 - 3600, 3600, true, payload(1, 5)));

        assertThat(CmafReader.readFragments(CmafFragmentWriter.write(1, TRACKS, frames), TRACKS).get(0).pts())
                .isEqualTo(T0 - 3600);
    }

    @Test
    void readsConsecutiveFragmentsWithStypSidxAndPrftBetween() throws Exception {
        List<Frame> first = sampleFrames();
        List<Frame> second = sampleFrames().stream().map(f -> f.shifted(10_800)).toList();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(new BoxWriter().start("styp").fourcc("msdh").u32(0).fourcc("msdh").end().toByteArray());
        all.writeBytes(CmafFragmentWriter.write(1, TRACKS, first));
        all.writeBytes(new BoxWriter().startFull("sidx", 1, 0).zeros(40).end()
                .startFull("prft", 1, 0).zeros(20).end().toByteArray());
        all.writeBytes(CmafFragmentWriter.write(2, TRACKS, second));

        List<Frame> read = CmafReader.readFragments(all.toByteArray(), TRACKS);

        List<Frame> expected = new java.util.ArrayList<>(first);
        expected.addAll(second);
        assertSameFrames(read, expected);
    }

    @Test
    void refusesFramesItCannotWrite() {
        assertThatThrownBy(() -> CmafFragmentWriter.write(1, TRACKS, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CmafFragmentWriter.write(1, TRACKS, List.of(new Frame(9, T0, T0, 0, true, new byte[1]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown track 9");
        assertThatThrownBy(() -> CmafFragmentWriter.write(1, TRACKS, List.of(new Frame(1, -1, 0, 0, true, new byte[1]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> CmafFragmentWriter.write(1L << 32, TRACKS, sampleFrames()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void damagedFragmentsAreFormatErrors() {
        byte[] good = CmafFragmentWriter.write(1, TRACKS, sampleFrames());
        byte[] truncated = Arrays.copyOf(good, good.length - 30);
        byte[] garbage = new byte[4096];
        new java.util.Random(3).nextBytes(garbage);
        byte[] onlyStyp = new BoxWriter().start("styp").fourcc("msdh").u32(0).end().toByteArray();

        assertThatThrownBy(() -> CmafReader.readFragments(truncated, TRACKS)).isInstanceOf(Mp4FormatException.class);
        assertThatThrownBy(() -> CmafReader.readFragments(garbage, TRACKS)).isInstanceOf(Mp4FormatException.class);
        assertThatThrownBy(() -> CmafReader.readFragments(onlyStyp, TRACKS)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("no 'moof'");
        assertThatThrownBy(() -> CmafReader.readFragments(good, List.of(H264))).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("track 2");
    }

    @Test
    void sampleCountsBeyondTheInputAreFormatErrors() {
        BoxWriter w = new BoxWriter().start("moof").start("traf");
        w.startFull("tfhd", 0, 0x020000 | 0x10).u32(1).u32(0).end(); // default size 0
        w.startFull("trun", 0, 0).u32(0xFFFFFFFFL).end();
        byte[] bytes = w.end().end().toByteArray();

        assertThatThrownBy(() -> CmafReader.readFragments(bytes, TRACKS)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("4294967295 samples");
    }

    @Test
    void fragmentsOfTracksWithOtherCodecsAreSkipped() throws Exception {
        BoxWriter w = new BoxWriter().start("moov");
        w.start("trak").startFull("tkhd", 0, 7).zeros(8).u32(3).zeros(68).end();
        w.start("mdia").startFull("mdhd", 0, 0).zeros(8).u32(1000).u32(0).u16(0x55C4).u16(0).end();
        w.start("minf").start("stbl").startFull("stsd", 0, 0).u32(1).start("stpp").zeros(8).end().end();
        w.end().end().end().end().end();
        CmafInit init = CmafReader.parseInit(w.toByteArray());
        assertThat(init.tracks()).isEmpty();
        CmafInit withVideo = new CmafInit(List.of(H264),
                java.util.Map.of(1, TrackDefaults.canonical(), 3, init.defaults(3).orElseThrow()));
        BoxWriter frag = new BoxWriter().start("moof");
        frag.start("traf").startFull("tfhd", 0, 0x020000).u32(3).end();
        frag.startFull("trun", 0, 0x301).u32(1);
        int subtitleOffset = frag.position();
        frag.u32(0).u32(1000).u32(3).end().end();
        frag.start("traf").startFull("tfhd", 0, 0x020000).u32(1).end();
        frag.startFull("tfdt", 1, 0).u64(T0).end();
        frag.startFull("trun", 0, 0x301).u32(1);
        int videoOffset = frag.position();
        frag.u32(0).u32(3600).u32(2).end().end();
        frag.end();
        frag.patchU32(subtitleOffset, frag.position() + 8).patchU32(videoOffset, frag.position() + 11);
        byte[] bytes = frag.start("mdat").bytes(new byte[] {9, 9, 9, 7, 7}).end().toByteArray();

        List<Frame> read = CmafReader.readFragments(bytes, withVideo);

        assertThat(read).hasSize(1);
        assertThat(read.get(0).trackId()).isEqualTo(1);
        assertThat(read.get(0).dts()).isEqualTo(T0);
        assertThat(read.get(0).data()).containsExactly(7, 7);
    }

    /**
     * A fragment from another packager: 48 kHz timescale, durations from the trex defaults, no
     * tfdt, and a data offset relative to the moof as the first traf's implicit base.
     */
    @Test
    void readsOtherTimescalesAndDefaults() throws Exception {
        CmafInit parsed = CmafReader.parseInit(otherInit());
        assertThat(parsed.tracks()).containsExactly(Track.audio(2, io.cascade.media.Codec.AAC,
                new byte[] {0x11, (byte) 0x90}, 48000, 2));

        BoxWriter frag = new BoxWriter().start("moof").start("traf");
        frag.startFull("tfhd", 0, 0).u32(2).end();
        frag.startFull("trun", 0, 0x201).u32(2);
        int dataOffsetField = frag.position();
        frag.s32(0).u32(4).u32(5).end();
        frag.end().end();
        frag.patchU32(dataOffsetField, frag.position() + 8);
        byte[] bytes = frag.start("mdat").bytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}).end().toByteArray();

        List<Frame> read = CmafReader.readFragments(bytes, parsed);

        assertThat(read).extracting(Frame::dts).containsExactly(0L, 1920L);
        assertThat(read).extracting(Frame::duration).containsExactly(1920L, 1920L);
        assertThat(read.get(0).data()).containsExactly(1, 2, 3, 4);
        assertThat(read.get(1).data()).containsExactly(5, 6, 7, 8, 9);
        // a second fragment without tfdt continues where the first ended
        byte[] twice = new byte[bytes.length * 2];
        System.arraycopy(bytes, 0, twice, 0, bytes.length);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
        assertThat(CmafReader.readFragments(twice, parsed)).extracting(Frame::dts)
                .containsExactly(0L, 1920L, 3840L, 5760L);
    }

    /** One AAC track, id 2, 48 kHz timescale, trex default duration 1024. */
    private static byte[] otherInit() {
        BoxWriter w = new BoxWriter().start("ftyp").fourcc("isom").u32(0).fourcc("isom").end().start("moov");
        w.start("trak").startFull("tkhd", 0, 7).zeros(8).u32(2).zeros(68).end();
        w.start("mdia").startFull("mdhd", 0, 0).zeros(8).u32(48000).u32(0).u16(0x55C4).u16(0).end();
        w.startFull("hdlr", 0, 0).u32(0).fourcc("soun").zeros(13).end();
        w.start("minf").start("stbl").startFull("stsd", 0, 0).u32(1);
        w.start("mp4a").zeros(6).u16(1).zeros(8).u16(2).u16(16).zeros(4).u32(48000L << 16);
        io.cascade.mp4.Esds.writeAac(w, new byte[] {0x11, (byte) 0x90});
        w.end().end().end().end().end().end();
        w.start("mvex").startFull("trex", 0, 0).u32(2).u32(1).u32(1024).u32(3).u32(0).end().end();
        return w.end().toByteArray();
    }

    private static void assertSameFrames(List<Frame> read, List<Frame> expected) {
        List<Frame> sorted = expected.stream()
                .sorted(java.util.Comparator.comparingLong(Frame::dts).thenComparingInt(Frame::trackId)).toList();
        assertThat(read).hasSameSizeAs(sorted);
        for (int i = 0; i < sorted.size(); i++) {
            Frame a = read.get(i);
            Frame e = sorted.get(i);
            assertThat(a.trackId()).as("track of frame %d", i).isEqualTo(e.trackId());
            assertThat(a.dts()).as("dts of frame %d", i).isEqualTo(e.dts());
            assertThat(a.pts()).as("pts of frame %d", i).isEqualTo(e.pts());
            assertThat(a.duration()).as("duration of frame %d", i).isEqualTo(e.duration());
            assertThat(a.keyframe()).as("keyframe %d", i).isEqualTo(e.keyframe());
            assertThat(a.data()).as("data of frame %d", i).isEqualTo(e.data());
        }
    }
}
