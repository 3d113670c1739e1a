package io.cascade.cmaf;

import io.cascade.media.Codec;
import io.cascade.media.Track;
import io.cascade.mp4.Box;
import io.cascade.mp4.BoxReader;
import io.cascade.mp4.Mp4FormatException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CmafInitTest {
    static final Track H264 = Track.video(1, Codec.H264, new byte[] {1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1},
            1280, 720, 25);
    static final Track AAC = new Track(2, Codec.AAC, new byte[] {0x11, (byte) 0x88}, 0, 0, 0, 48000, 1, "eng");
    static final Track H265 = Track.video(7, Codec.H265, new byte[] {1, 2, 3, 4, 5}, 3840, 2160, 29.97);

    @Test
    void tracksSurviveTheRoundTrip() throws Exception {
        List<Track> tracks = List.of(H264, AAC, H265);

        assertThat(CmafReader.readInit(CmafInitWriter.write(tracks))).isEqualTo(tracks);
    }

    @Test
    void sameTracksGiveTheSameBytes() {
        assertThat(CmafInitWriter.write(List.of(H264, AAC))).isEqualTo(CmafInitWriter.write(List.of(H264, AAC)));
        assertThat(CmafInitWriter.write(List.of(H264, AAC))).isNotEqualTo(CmafInitWriter.write(List.of(H264)));
    }

    @Test
    void startsWithCmafBrandsAndDeclaresNinetyKilohertz() throws Exception {
        byte[] init = CmafInitWriter.write(List.of(H264, AAC));
        List<Box> top = BoxReader.readAll(ByteBuffer.wrap(init), 0, "init");

        assertThat(top).extracting(Box::type).containsExactly("ftyp", "moov");
        assertThat(top.get(0).fields().string(top.get(0).bodySize())).startsWith("iso6").contains("cmfc");
        CmafInit parsed = CmafReader.parseInit(init);
        assertThat(parsed.defaults(1)).contains(new TrackDefaults(90000, 3600, 0, 0));
        assertThat(parsed.defaults(2)).contains(new TrackDefaults(90000, 0, 0, 0));
        Box moov = top.get(1);
        assertThat(moov.require("mvex").children()).hasSize(2);
        assertThat(moov.children().stream().filter(b -> b.type().equals("trak"))).hasSize(2);
    }

    @Test
    void refusesDuplicateOrMissingTracks() {
        assertThatThrownBy(() -> CmafInitWriter.write(List.of(H264, H264.withId(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> CmafInitWriter.write(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageInitsAreFormatErrors() {
        byte[] init = CmafInitWriter.write(List.of(H264, AAC));
        byte[] truncated = java.util.Arrays.copyOf(init, init.length - 10);

        assertThatThrownBy(() -> CmafReader.readInit(truncated)).isInstanceOf(Mp4FormatException.class);
        assertThatThrownBy(() -> CmafReader.readInit(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(Mp4FormatException.class);
        assertThatThrownBy(() -> CmafReader.readInit(new byte[0])).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("no 'moov'");
    }
}
