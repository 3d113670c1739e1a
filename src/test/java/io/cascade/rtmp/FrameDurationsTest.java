package io.cascade.rtmp;

import io.cascade.media.Frame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDurationsTest {
    private static Frame frame(int track, long dts) {
        return new Frame(track, dts, dts, 0, true, new byte[1]);
    }

    @Test
    void eachFrameTakesTheGapToTheNextOfItsTrack() {
        FrameDurations d = new FrameDurations();
        assertThat(d.push(frame(1, 1000))).isNull();
        assertThat(d.push(frame(2, 1100))).isNull();
        Frame first = d.push(frame(1, 4600));
        assertThat(first.dts()).isEqualTo(1000);
        assertThat(first.duration()).isEqualTo(3600);
        Frame audio = d.push(frame(2, 3020));
        assertThat(audio.dts()).isEqualTo(1100);
        assertThat(audio.duration()).isEqualTo(1920);
    }

    @Test
    void drainGivesTheHeldFramesTheirTracksLastDurationInDecodeOrder() {
        FrameDurations d = new FrameDurations();
        d.push(frame(1, 0));
        d.push(frame(1, 3600));
        d.push(frame(2, 100));
        d.push(frame(2, 2020));
        assertThat(d.drain()).extracting(Frame::dts, Frame::duration)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2020L, 1920L),
                        org.assertj.core.groups.Tuple.tuple(3600L, 3600L));
        assertThat(d.drain()).isEmpty();
    }

    @Test
    void aRepeatedTimeKeepsThePreviousDurationInsteadOfZero() {
        FrameDurations d = new FrameDurations();
        d.push(frame(1, 0));
        d.push(frame(1, 3600));
        Frame same = d.push(frame(1, 3600));
        assertThat(same.duration()).isEqualTo(3600);
    }
}
