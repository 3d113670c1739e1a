package io.cascade.rtp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReorderWindowTest {
    static RtpPacket packet(int seq) {
        return new RtpPacket(96, false, seq, 0, 1, new byte[]{(byte) seq});
    }

    private static List<String> push(ReorderWindow w, int... seqs) {
        List<String> out = new ArrayList<>();
        for (int s : seqs) {
            w.push(packet(s)).forEach(r -> out.add(r.packet().sequence() + (r.afterLoss() ? "!" : "")));
        }
        return out;
    }

    @Test
    void packetsSwappedWithinTheWindowComeOutInOrder() {
        ReorderWindow w = new ReorderWindow(4);
        assertThat(push(w, 10, 12, 11, 13, 15, 14)).containsExactly("10", "11", "12", "13", "14", "15");
        assertThat(w.lost()).isZero();
    }

    @Test
    void aMissingPacketIsCountedLostWhenTheWindowFills() {
        ReorderWindow w = new ReorderWindow(3);
        assertThat(push(w, 1, 3, 4)).containsExactly("1");
        assertThat(push(w, 5)).containsExactly("3!", "4", "5");
        assertThat(w.lost()).isEqualTo(1);
    }

    @Test
    void duplicatesAndLatePacketsAreDropped() {
        ReorderWindow w = new ReorderWindow(4);
        assertThat(push(w, 1, 2, 2, 1, 3)).containsExactly("1", "2", "3");
    }

    @Test
    void sequenceNumbersWrap() {
        ReorderWindow w = new ReorderWindow(4);
        assertThat(push(w, 65534, 0, 65535, 1)).containsExactly("65534", "65535", "0", "1");
        assertThat(w.highestSequence()).isEqualTo(65536 + 1);
    }

    @Test
    void rtpTimestampsContinueOverTheir32BitWrap() {
        RtpClock clock = new RtpClock(90000);
        assertThat(clock.extend(0xffff_f000L)).isEqualTo(0xffff_f000L);
        assertThat(clock.extend(0x0000_1000L)).isEqualTo(0x1_0000_1000L);
        assertThat(clock.extend(0xffff_ff00L)).isEqualTo(0xffff_ff00L); // a B-frame just before the wrap
        assertThat(clock.extend(0x0000_2000L)).isEqualTo(0x1_0000_2000L);
        assertThat(new RtpClock(48000).toTicks(48000)).isEqualTo(90000);
    }

    @Test
    void decodeTimesAreThePresentationTimesSorted() {
        DecodeTimes d = new DecodeTimes(2);
        List<Long> dts = new ArrayList<>();
        List<Long> pts = new ArrayList<>();
        // I P B B P B B: presentation 0 3 1 2 6 4 5 (frame units)
        for (long p : new long[]{0, 3, 1, 2, 6, 4, 5}) {
            d.push(new io.cascade.media.Frame(1, p * 3600, p * 3600, 0, p == 0, new byte[1])).forEach(f -> {
                dts.add(Math.floorDiv(f.dts(), 3600));
                pts.add(f.pts() / 3600);
            });
        }
        d.drain().forEach(f -> {
            dts.add(Math.floorDiv(f.dts(), 3600));
            pts.add(f.pts() / 3600);
        });
        assertThat(dts).containsExactly(-3L, -2L, 0L, 1L, 2L, 3L, 4L);
        assertThat(pts).containsExactly(0L, 3L, 1L, 2L, 6L, 4L, 5L);
    }

    @Test
    void aClockGoingBackStartsDecodeOrderAfresh() {
        DecodeTimes d = new DecodeTimes(2);
        List<io.cascade.media.Frame> out = new ArrayList<>();
        for (long p = 0; p < 10; p++) {
            out.addAll(d.push(new io.cascade.media.Frame(1, 0, 500_000 + p * 3600, 0, p == 0, new byte[1])));
        }
        for (long p = 0; p < 10; p++) {
            out.addAll(d.push(new io.cascade.media.Frame(1, 0, p * 3600, 0, p == 0, new byte[1])));
        }
        out.addAll(d.drain());
        assertThat(out).hasSize(20); // none dropped for decoding before its predecessor
        assertThat(out.get(10).pts()).isZero();
    }

    @Test
    void withoutReorderingDecodeTimesArePresentationTimes() {
        DecodeTimes d = new DecodeTimes(0);
        assertThat(d.push(new io.cascade.media.Frame(1, 7, 7, 0, true, new byte[1]))).extracting(f -> f.dts())
                .containsExactly(7L);
    }
}
