package io.cascade.dash;

import io.cascade.cmaf.CmafFragmentWriter;
import io.cascade.cmaf.CmafReader;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackSegmentsTest {
    private static final long T0 = 1_700_000_000L * 90_000;
    private static final Track VIDEO = Track.video(1, Codec.H264, new byte[] {1}, 640, 360, 25);
    private static final Track AUDIO = Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2);
    private static final InitSegment INIT = new InitSegment(1, List.of(VIDEO, AUDIO), new byte[0]);

    private static Frame video(int i) {
        return new Frame(1, T0 + i * 3600L, T0 + i * 3600L + 3600, 3600, i == 0, new byte[] {(byte) i, 7, 7});
    }

    private static Frame audio(int i) {
        return new Frame(2, T0 + i * 1920L, T0 + i * 1920L, 1920, true, new byte[] {(byte) i});
    }

    /** Canonical segment 7: two muxed chunks of three video and five audio frames. */
    private static Segment muxedSegment() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(CmafFragmentWriter.write(1, INIT.tracks(), List.of(video(0), audio(0), audio(1), video(1))));
        bytes.writeBytes(CmafFragmentWriter.write(2, INIT.tracks(), List.of(audio(2), video(2), audio(3), audio(4))));
        return Segment.complete(7, T0, 3 * 3600, INIT, false, bytes.toByteArray());
    }

    @Test
    void eachTrackGetsItsFramesOfTheSegmentOnce() throws Exception {
        Segment segment = muxedSegment();

        byte[] video = TrackSegments.of(segment, VIDEO).orElseThrow();
        byte[] audio = TrackSegments.of(segment, AUDIO).orElseThrow();

        assertThat(TrackSegments.of(segment, VIDEO).orElseThrow()).isSameAs(video);
        assertThat(video).isEqualTo(CmafFragmentWriter.write(7, List.of(VIDEO), List.of(video(0), video(1), video(2))));
        assertThat(CmafReader.readFragments(audio, List.of(AUDIO))).extracting(Frame::dts)
                .containsExactly(T0, T0 + 1920, T0 + 3840, T0 + 5760, T0 + 7680);
        assertThat(TrackSegments.size(segment, AUDIO)).isEqualTo(audio.length);
    }

    @Test
    void eachTracksSpanIsItsOwnFragmentsStartAndLength() {
        Segment segment = muxedSegment();

        assertThat(TrackSegments.span(segment, VIDEO)).contains(new TrackSpan(T0, 3 * 3600));
        assertThat(TrackSegments.span(segment, AUDIO)).contains(new TrackSpan(T0, 5 * 1920));
        byte[] audioOnly = CmafFragmentWriter.write(1, INIT.tracks(), List.of(audio(3), audio(4)));
        assertThat(TrackSegments.span(Segment.complete(8, T0, 3840, INIT, false, audioOnly), AUDIO))
                .contains(new TrackSpan(T0 + 3 * 1920, 2 * 1920));
        assertThat(TrackSegments.span(Segment.complete(8, T0, 3840, INIT, false, audioOnly), VIDEO)).isEmpty();
    }

    @Test
    void aTrackWithoutFramesInTheSegmentHasNone() {
        byte[] audioOnly = CmafFragmentWriter.write(1, INIT.tracks(), List.of(audio(0), audio(1)));
        Segment segment = Segment.complete(8, T0, 3840, INIT, false, audioOnly);

        assertThat(TrackSegments.of(segment, VIDEO)).isEmpty();
        assertThat(TrackSegments.size(segment, VIDEO)).isZero();
    }

    @Test
    void unreadableSegmentIsAClearError() {
        Segment garbage = Segment.complete(9, T0, 3600, INIT, false, new byte[] {0, 0, 0, 8, 'm', 'o', 'o', 'x', 1});

        assertThatThrownBy(() -> TrackSegments.of(garbage, VIDEO))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("segment 9");
    }

    @Test
    void representationIdsNameKindAndTrack() {
        RepresentationId v1 = RepresentationId.of(VIDEO);

        assertThat(v1).hasToString("v1");
        assertThat(RepresentationId.of(AUDIO)).hasToString("a2");
        assertThat(v1.initialization()).isEqualTo("init-v1.mp4");
        assertThat(v1.media()).isEqualTo("seg-v1-t$Time$.m4s");
        assertThat(v1.names(VIDEO)).isTrue();
        assertThat(new RepresentationId('a', 1).names(VIDEO)).isFalse();
        assertThatThrownBy(() -> new RepresentationId('x', 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepresentationId('v', 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
