package io.cascade.codec;

import io.cascade.media.Codec;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Parameter sets of the committed x264 / x265 samples (320x180, 25 fps), without an encoder. */
class GoldenParameterSetTest {
    private static byte[] config(String sample, Codec codec) throws Exception {
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(GoldenSamples.path(sample))) {
            return demuxer.tracks().stream().filter(t -> t.codec() == codec).findFirst().orElseThrow().config();
        }
    }

    @Test
    void h264() throws Exception {
        AvcConfig avc = AvcConfig.parse(config(GoldenSamples.H264_AAC_MP4, Codec.H264));
        H264Sps sps = avc.firstSps();
        assertThat(sps.width()).isEqualTo(320);
        assertThat(sps.height()).isEqualTo(180);
        assertThat(sps.frameRate()).isEqualTo(25.0);
        assertThat(AvcConfig.parse(AvcConfig.build(avc.sps(), avc.pps())).sps()).containsExactlyElementsOf(avc.sps());
    }

    @Test
    void h265SpsAndVpsAgree() throws Exception {
        HevcConfig hevc = HevcConfig.parse(config(GoldenSamples.H265_MP4, Codec.H265));
        H265Sps sps = hevc.firstSps();
        H265Vps vps = H265Vps.parse(hevc.vps().getFirst());
        assertThat(sps.width()).isEqualTo(320);
        assertThat(sps.height()).isEqualTo(180);
        assertThat(sps.frameRate()).isEqualTo(25.0);
        assertThat(vps.profileTierLevel()).isEqualTo(sps.profileTierLevel());
        assertThat(vps.maxSubLayers()).isEqualTo(sps.maxSubLayers());
        assertThat(CodecString.hevc(vps.profileTierLevel())).startsWith("hvc1.1.6.L");
    }
}
