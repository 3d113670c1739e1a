package io.cascade.codec;

import io.cascade.media.Codec;
import io.cascade.media.Track;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPS, avcC / hvcC and codec strings on parameter sets from real encoder output. */
@RequiresTools
class ParameterSetTest {
    private static List<byte[]> h264;
    private static List<byte[]> h265;
    private static List<byte[]> h264Cropped;

    @BeforeAll
    static void encode(@TempDir Path dir) throws Exception {
        h264 = Nal.splitAnnexB(TestClips.read(TestClips.make(dir, "a.h264", "libx264", 0.2)));
        h265 = Nal.splitAnnexB(TestClips.read(TestClips.make(dir, "a.hevc", "libx265", 0.2)));
        // 4:2:2 High 4:2:2 profile with odd height: exercises chroma_format_idc and cropping
        h264Cropped = Nal.splitAnnexB(TestClips.read(TestClips.make(dir, "b.h264", "libx264", 0.2,
                "-pix_fmt", "yuv422p", "-vf", "scale=322:182")));
    }

    private static byte[] first(List<byte[]> nals, int type, boolean hevc) {
        return nals.stream().filter(n -> (hevc ? Nal.isH265(n, type) : Nal.isH264(n, type))).findFirst().orElseThrow();
    }

    @Test
    void parsesH264Sps() throws Exception {
        H264Sps sps = H264Sps.parse(first(h264, Nal.H264_SPS, false));
        assertThat(sps.width()).isEqualTo(640);
        assertThat(sps.height()).isEqualTo(360);
        assertThat(sps.frameRate()).isEqualTo(25.0);
        assertThat(sps.profileIdc()).isEqualTo(100);
        assertThat(sps.chromaFormatIdc()).isEqualTo(1);
    }

    @Test
    void parsesH264SpsWithCroppingAndHighChroma() throws Exception {
        H264Sps sps = H264Sps.parse(first(h264Cropped, Nal.H264_SPS, false));
        assertThat(sps.profileIdc()).isEqualTo(122);
        assertThat(sps.chromaFormatIdc()).isEqualTo(2);
        assertThat(sps.width()).isEqualTo(322);
        assertThat(sps.height()).isEqualTo(182);
    }

    @Test
    void parsesH265Sps() throws Exception {
        H265Sps sps = H265Sps.parse(first(h265, Nal.H265_SPS, true));
        assertThat(sps.width()).isEqualTo(640);
        assertThat(sps.height()).isEqualTo(360);
        assertThat(sps.frameRate()).isEqualTo(25.0);
        assertThat(sps.profileTierLevel().profileIdc()).isEqualTo(1);
        assertThat(sps.profileTierLevel().levelIdc()).isPositive();
    }

    @Test
    void avcConfigRoundTripAndCodecString() throws Exception {
        byte[] sps = first(h264, Nal.H264_SPS, false);
        byte[] pps = first(h264, Nal.H264_PPS, false);
        byte[] avcC = AvcConfig.build(List.of(sps), List.of(pps));
        assertThat(avcC[0]).isEqualTo((byte) 1);
        assertThat(avcC[4] & 3).isEqualTo(3);
        AvcConfig parsed = AvcConfig.parse(avcC);
        assertThat(parsed.sps()).containsExactly(sps);
        assertThat(parsed.pps()).containsExactly(pps);
        assertThat(parsed.toBytes()).isEqualTo(avcC);

        Track track = TrackInfo.videoTrack(1, Codec.H264, avcC);
        assertThat(track.width()).isEqualTo(640);
        assertThat(track.height()).isEqualTo(360);
        assertThat(track.frameRate()).isEqualTo(25.0);
        assertThat(CodecString.of(track)).isEqualTo(String.format("avc1.%02x%02x%02x", sps[1], sps[2], sps[3]))
                .startsWith("avc1.64");
    }

    @Test
    void hevcConfigRoundTripAndCodecString() throws Exception {
        byte[] vps = first(h265, Nal.H265_VPS, true);
        byte[] sps = first(h265, Nal.H265_SPS, true);
        byte[] pps = first(h265, Nal.H265_PPS, true);
        byte[] hvcC = HevcConfig.build(List.of(vps), List.of(sps), List.of(pps));
        HevcConfig parsed = HevcConfig.parse(hvcC);
        assertThat(parsed.vps()).containsExactly(vps);
        assertThat(parsed.sps()).containsExactly(sps);
        assertThat(parsed.pps()).containsExactly(pps);
        assertThat(parsed.toBytes()).isEqualTo(hvcC);

        Track track = TrackInfo.videoTrack(1, Codec.H265, hvcC);
        assertThat(track.width()).isEqualTo(640);
        int level = H265Sps.parse(sps).profileTierLevel().levelIdc();
        assertThat(CodecString.of(track)).matches("hvc1\\.1\\.6\\.L" + level + "(\\.[0-9A-F]+)*");
    }

    @Test
    void hevcCodecStringFollowsAnnexE() throws Exception {
        var main = new HevcProfileTierLevel(0, 0, 1, 0x60000000, 0xB0_00_00_00_00_00L, 93);
        assertThat(CodecString.hevc(main)).isEqualTo("hvc1.1.6.L93.B0");
        var main10High = new HevcProfileTierLevel(0, 1, 2, 0x20000000, 0xB0_00_00_00_00_00L, 120);
        assertThat(CodecString.hevc(main10High)).isEqualTo("hvc1.2.4.H120.B0");
        var spaced = new HevcProfileTierLevel(1, 0, 1, 0x60000000, 0x00_00_01_00_00_00L, 90);
        assertThat(CodecString.hevc(spaced)).isEqualTo("hvc1.A1.6.L90.0.0.1");
    }

    @Test
    void rejectsTruncatedParameterSets() throws Exception {
        byte[] sps = first(h264, Nal.H264_SPS, false);
        byte[] cut = java.util.Arrays.copyOf(sps, 6);
        assertThatThrownBy(() -> H264Sps.parse(cut)).isInstanceOf(CodecFormatException.class);
        byte[] hevcSps = first(h265, Nal.H265_SPS, true);
        assertThatThrownBy(() -> H265Sps.parse(java.util.Arrays.copyOf(hevcSps, 10)))
                .isInstanceOf(CodecFormatException.class);
        assertThatThrownBy(() -> H264Sps.parse(new byte[] {0x68, 1, 2, 3})).isInstanceOf(CodecFormatException.class);
        assertThatThrownBy(() -> AvcConfig.parse(new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe1, 0, 50, 1}))
                .isInstanceOf(CodecFormatException.class);
        assertThatThrownBy(() -> HevcConfig.parse(new byte[5])).isInstanceOf(CodecFormatException.class);
    }

    @Test
    void survivesRandomBytes() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = 0x67;
            }
            try {
                H264Sps.parse(junk);
            } catch (CodecFormatException expected) {
                // the only acceptable failure
            }
            if (junk.length > 1) {
                junk[0] = 0x42;
            }
            try {
                H265Sps.parse(junk);
            } catch (CodecFormatException expected) {
                // the only acceptable failure
            }
        }
    }
}
