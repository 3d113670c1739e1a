package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.Box;
import io.cascade.mp4.BoxReader;
import io.cascade.mp4.Mp4FormatException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import static io.cascade.cmaf.CmafFragmentTest.TRACKS;
import static io.cascade.cmaf.CmafFragmentTest.sampleFrames;
import static io.cascade.cmaf.CmafInitTest.AAC;
import static io.cascade.cmaf.CmafInitTest.H264;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackFragmentsTest {

    /** The sample frames as a segment of two muxed chunks. */
    private static byte[] twoChunks() {
        List<Frame> frames = sampleFrames();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(CmafFragmentWriter.write(1, TRACKS, frames.subList(0, 3)));
        out.writeBytes(CmafFragmentWriter.write(2, TRACKS, frames.subList(3, frames.size())));
        return out.toByteArray();
    }

    private static List<Frame> framesOf(Track track) {
        return sampleFrames().stream().filter(f -> f.trackId() == track.id()).toList();
    }

    @Test
    void keepsOneTracksFramesInOneFragment() throws Exception {
        for (Track track : TRACKS) {
            byte[] single = TrackFragments.extract(twoChunks(), TRACKS, track, 42).orElseThrow();

            List<Box> top = BoxReader.readAll(ByteBuffer.wrap(single), 0, "fragment");
            assertThat(top).extracting(Box::type).containsExactly("moof", "mdat");
            assertThat(top.getFirst().children()).extracting(Box::type).containsExactly("mfhd", "traf");
            // Exactly what the writer makes of that track alone: durations carried, not re-guessed.
            assertThat(single).isEqualTo(CmafFragmentWriter.write(42, List.of(track), framesOf(track)));
            List<Frame> read = CmafReader.readFragments(single, List.of(track));
            assertThat(read).extracting(Frame::dts).containsExactlyElementsOf(framesOf(track).stream().map(Frame::dts).toList());
            assertThat(read).extracting(Frame::duration)
                    .containsExactlyElementsOf(framesOf(track).stream().map(Frame::duration).toList());
        }
    }

    @Test
    void isEmptyWhenTheTrackHasNoFrames() throws Exception {
        byte[] audioOnly = CmafFragmentWriter.write(1, TRACKS, framesOf(AAC));

        assertThat(TrackFragments.extract(audioOnly, TRACKS, H264, 1)).isEmpty();
    }

    @Test
    void refusesBadInput() {
        byte[] garbage = {0, 0, 0, 9, 'm', 'o', 'o', 'f', 1, 2, 3};
        assertThatThrownBy(() -> TrackFragments.extract(garbage, TRACKS, H264, 1))
                .isInstanceOf(Mp4FormatException.class);
        byte[] truncated = java.util.Arrays.copyOf(twoChunks(), 100);
        assertThatThrownBy(() -> TrackFragments.extract(truncated, TRACKS, H264, 1))
                .isInstanceOf(Mp4FormatException.class);
        assertThatThrownBy(() -> TrackFragments.extract(twoChunks(), List.of(H264), AAC, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
