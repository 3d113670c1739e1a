package io.cascade.mpegts;

import io.cascade.media.Frame;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TsRetimerTest {
    private static Demuxed clip;
    private static long clipTicks;

    @BeforeAll
    static void read() throws Exception {
        clip = Demuxed.of(GoldenSamples.bytes(GoldenSamples.H264_AAC_TS));
        List<Frame> video = clip.framesOf(clip.tracks().getFirst().id());
        clipTicks = video.getLast().dts() - video.getFirst().dts() + 3600;
    }

    /** Three segments of the clip, back to back on one timeline, the third after a jump. */
    private static List<byte[]> retimed(TsRetimer retimer) throws Exception {
        ContinuousTsWriter writer = new ContinuousTsWriter();
        List<byte[]> out = new ArrayList<>();
        long[] starts = {0, clipTicks, clipTicks * 2 + 90_000 * 30};
        for (int i = 0; i < starts.length; i++) {
            long start = starts[i];
            byte[] ts = TsSegmentWriter.write(clip.tracks(), clip.frames.stream().map(f -> f.shifted(start)).toList(), 5 + i);
            byte[] joined = ContinuousTsWriter.joined(writer.next(ts, 5 + i, i == 2));
            out.add(retimer.retime(joined, start + 1_000_000 - 90_000, clipTicks));
        }
        return out;
    }

    @Test
    void pcrsComeAtMost40MsApartAndRiseAsThePacketsAreSentWithTheCountersUntouched() throws Exception {
        List<byte[]> segments = retimed(new TsRetimer());
        byte[] all = concat(segments.subList(0, 2));
        List<long[]> pcrs = pcrs(all); // {packet index, pcr}
        assertThat(pcrs.size()).isGreaterThan((int) (2 * clipTicks / 3600));
        long perPacket = clipTicks / (segments.getFirst().length / TsPacket.SIZE);
        for (int i = 1; i < pcrs.size(); i++) {
            long gap = pcrs.get(i)[1] - pcrs.get(i - 1)[1];
            assertThat(gap).as("PCR %d after %d", i, i - 1).isPositive().isLessThanOrEqualTo(3_600);
            long packets = pcrs.get(i)[0] - pcrs.get(i - 1)[0];
            assertThat(Math.abs(gap - packets * perPacket)).as("PCR follows the packet count").isLessThanOrEqualTo(packets + perPacket);
        }
        assertThat(TsContinuity.breaks(concat(segments))).isEmpty();
        assertThat(Demuxed.of(concat(segments)).frames).hasSize(3 * clip.frames.size());
    }

    @Test
    void theJumpIsMarkedOnTheFirstPcrOfItsSegmentOnly() throws Exception {
        List<byte[]> segments = retimed(new TsRetimer());
        byte[] jumped = segments.get(2);
        List<Integer> marked = new ArrayList<>();
        int firstPcr = -1;
        for (int off = 0; off < jumped.length; off += TsPacket.SIZE) {
            if (ContinuousTsWriter.hasPcr(jumped, off)) {
                firstPcr = firstPcr < 0 ? off : firstPcr;
                if ((jumped[off + 5] & 0x80) != 0) {
                    marked.add(off);
                }
            }
        }
        assertThat(marked).containsExactly(firstPcr);
        assertThat(pcrs(concat(segments.subList(0, 2))).stream().noneMatch(p -> p[2] != 0)).isTrue();
    }

    /** {packet index, PCR base, discontinuity flag} of every PCR. */
    private static List<long[]> pcrs(byte[] ts) {
        List<long[]> out = new ArrayList<>();
        for (int off = 0; off < ts.length; off += TsPacket.SIZE) {
            if (ContinuousTsWriter.hasPcr(ts, off)) {
                long base = ((ts[off + 6] & 0xffL) << 25) | ((ts[off + 7] & 0xffL) << 17) | ((ts[off + 8] & 0xffL) << 9)
                        | ((ts[off + 9] & 0xffL) << 1) | ((ts[off + 10] & 0x80L) >> 7);
                out.add(new long[]{off / TsPacket.SIZE, base, (ts[off + 5] & 0x80) != 0 ? 1 : 0});
            }
        }
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
