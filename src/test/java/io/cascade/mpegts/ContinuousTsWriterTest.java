package io.cascade.mpegts;

import io.cascade.media.Frame;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContinuousTsWriterTest {
    private static Demuxed clip;
    private static long clipTicks;

    @BeforeAll
    static void read() throws Exception {
        clip = Demuxed.of(GoldenSamples.bytes(GoldenSamples.H264_AAC_TS));
        List<Frame> video = clip.framesOf(clip.tracks().getFirst().id());
        clipTicks = video.getLast().dts() - video.getFirst().dts() + 3600;
    }

    /** The golden clip as segment {@code number}, starting {@code start} ticks later than the clip. */
    private static byte[] segment(long number, long start) throws Exception {
        List<Frame> frames = clip.frames.stream().map(f -> f.shifted(start)).toList();
        return TsSegmentWriter.write(clip.tracks(), frames, number);
    }

    private static byte[] play(ContinuousTsWriter writer, byte[] ts, long number, boolean discontinuity) {
        return ContinuousTsWriter.joined(writer.next(ts, number, discontinuity));
    }

    @Test
    void consecutiveSegmentsPassThroughAsSlicesOfTheSharedForm() throws Exception {
        ContinuousTsWriter writer = new ContinuousTsWriter();
        byte[] first = segment(7, 0);
        byte[] second = segment(8, clipTicks);
        List<ByteBuffer> a = writer.next(first, 7, false);
        List<ByteBuffer> b = writer.next(second, 8, false);
        assertThat(a).hasSize(1);
        assertThat(a.getFirst().array()).isSameAs(first);
        assertThat(b).hasSize(1);
        assertThat(b.getFirst().array()).isSameAs(second);
        assertThat(TsContinuity.breaks(concat(first, second))).isEmpty();
    }

    @Test
    void aReceiverThatSkipsSegmentsStaysContinuousWithOnlyThePsiPacketsCopied() throws Exception {
        ContinuousTsWriter writer = new ContinuousTsWriter();
        byte[] first = segment(7, 0);
        byte[] later = segment(11, clipTicks * 4);
        assertThat(TsContinuity.breaks(concat(first, later))).as("the forms alone break on PAT and PMT").isNotEmpty();
        List<ByteBuffer> pieces = writer.next(later, 11, false);
        byte[] out = concat(play(new ContinuousTsWriter(), first, 7, false), ContinuousTsWriter.joined(pieces));
        writer = new ContinuousTsWriter();
        byte[] played = concat(play(writer, first, 7, false), play(writer, later, 11, false));
        assertThat(TsContinuity.breaks(played)).isEmpty();
        long copied = pieces.stream().filter(p -> p.array() != later).mapToInt(ByteBuffer::remaining).sum();
        assertThat(copied).as("bytes copied for this receiver").isLessThanOrEqualTo(3L * TsPacket.SIZE);
        assertThat(out).hasSameSizeAs(played);
    }

    @Test
    void aTimelineJumpMarksTheFirstPcrOfTheSegmentAndNothingElse() throws Exception {
        ContinuousTsWriter writer = new ContinuousTsWriter();
        byte[] first = play(writer, segment(7, 0), 7, false);
        byte[] jumped = play(writer, segment(8, clipTicks + 90_000 * 60), 8, true);
        byte[] skipped = play(writer, segment(12, clipTicks * 6 + 90_000 * 60), 12, false);
        assertThat(discontinuities(first)).isEmpty();
        for (byte[] s : List.of(jumped, skipped)) {
            List<Integer> marked = discontinuities(s);
            assertThat(marked).hasSize(1);
            int at = marked.getFirst();
            assertThat(ContinuousTsWriter.hasPcr(s, at)).isTrue();
            for (int off = 0; off < at; off += TsPacket.SIZE) {
                assertThat(ContinuousTsWriter.hasPcr(s, off)).as("a PCR before the marked one").isFalse();
            }
        }
        assertThat(TsContinuity.breaks(concat(concat(first, jumped), skipped))).isEmpty();
        assertThat(Demuxed.of(concat(first, jumped)).frames).hasSize(2 * clip.frames.size());
    }

    @Test
    void whenTheTracksChangeTheReceiversPmtVersionGoesUpWithAValidCrc() throws Exception {
        int video = clip.tracks().getFirst().id();
        List<Frame> videoOnly = clip.frames.stream().filter(f -> f.trackId() == video).toList();
        ContinuousTsWriter writer = new ContinuousTsWriter();
        byte[] both = play(writer, segment(7, 0), 7, false);
        byte[] changed = play(writer, TsSegmentWriter.write(List.of(clip.tracks().getFirst()),
                videoOnly.stream().map(f -> f.shifted(clipTicks)).toList(), 8), 8, true);
        byte[] same = play(writer, TsSegmentWriter.write(List.of(clip.tracks().getFirst()),
                videoOnly.stream().map(f -> f.shifted(2 * clipTicks)).toList(), 9), 9, false);
        byte[] back = play(writer, segment(10, 3 * clipTicks), 10, true);
        assertThat(List.of(both, changed, same, back)).extracting(ContinuousTsWriterTest::pmtVersion).containsExactly(0, 1, 1, 2);
        for (byte[] s : List.of(changed, same, back)) {
            int length = ((s[188 + 6] & 0x0f) << 8) | (s[188 + 7] & 0xff);
            assertThat(Crc32Mpeg.compute(s, 188 + 5, 3 + length)).as("CRC over the section and its CRC").isZero();
        }
        assertThat(Demuxed.of(concat(concat(both, changed), concat(same, back))).trackEvents).hasSizeGreaterThanOrEqualTo(3);
    }

    private static int pmtVersion(byte[] ts) {
        assertThat(ContinuousTsWriter.pid(ts, 188)).isEqualTo(TsMuxer.PMT_PID);
        return (ts[188 + 10] >> 1) & 31;
    }

    @Test
    void bytesThatAreNotWholePacketsAreRefused() {
        ContinuousTsWriter writer = new ContinuousTsWriter();
        assertThatThrownBy(() -> writer.next(new byte[100], 1, false)).isInstanceOf(IllegalArgumentException.class);
        byte[] noSync = new byte[TsPacket.SIZE];
        assertThatThrownBy(() -> writer.next(noSync, 1, false)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Integer> discontinuities(byte[] ts) {
        List<Integer> out = new ArrayList<>();
        for (int off = 0; off < ts.length; off += TsPacket.SIZE) {
            if ((ts[off + 3] & 0x20) != 0 && (ts[off + 4] & 0xff) > 0 && (ts[off + 5] & 0x80) != 0) {
                out.add(off);
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
