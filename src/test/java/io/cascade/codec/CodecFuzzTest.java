package io.cascade.codec;

import io.cascade.media.Codec;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.testing.Fuzz;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/** Every codec parser, fed hostile variants of real configs, fails with CodecFormatException only. */
class CodecFuzzTest {
    private static final int COUNT = 400;
    private static byte[] avcC;
    private static byte[] hvcC;
    private static byte[] aacFromMp4;

    @BeforeAll
    static void realConfigs() throws Exception {
        avcC = config(GoldenSamples.H264_AAC_MP4, Codec.H264);
        hvcC = config(GoldenSamples.H265_MP4, Codec.H265);
        aacFromMp4 = config(GoldenSamples.H264_AAC_MP4, Codec.AAC);
    }

    private static byte[] config(String sample, Codec codec) throws Exception {
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(GoldenSamples.path(sample))) {
            return demuxer.tracks().stream().filter(t -> t.codec() == codec).findFirst().orElseThrow().config();
        }
    }

    @Test
    void audioSpecificConfig() {
        List<byte[]> seeds = List.of(aacFromMp4, new byte[] {0x2B, 0x11, (byte) 0x88, 0x00},
                new AudioSpecificConfig(2, 50000, 0).toBytes(), new AudioSpecificConfig(42, 48000, 2).toBytes());
        Fuzz.onlyFormatErrors("AudioSpecificConfig", seeds, COUNT, 1, b -> {
            AudioSpecificConfig asc = AudioSpecificConfig.parse(b);
            AudioSpecificConfig.parse(asc.toBytes());
            TrackInfo.audioTrack(1, b, 2);
        });
    }

    @Test
    void adtsAndRawBlocks() throws Exception {
        byte[] payload = {0x21, 0x10, 0x04, 0x60, (byte) 0x8c, 0x1c};
        byte[] header = AdtsHeader.write(new AudioSpecificConfig(2, 48000, 2), payload.length);
        byte[] frame = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, frame, header.length, payload.length);
        Fuzz.onlyFormatErrors("ADTS", List.of(frame), COUNT, 2, b -> {
            AdtsHeader h = AdtsHeader.parse(b, 0, b.length);
            byte[] raw = Arrays.copyOfRange(b, Math.min(b.length, h.headerLength()), b.length);
            AudioSpecificConfig.fromAdts(h, raw);
            AacRawBlock.carriesSbr(raw);
            AacRawBlock.programConfig(raw);
        });
    }

    @Test
    void decoderConfigurationRecordsAndParameterSets() {
        Fuzz.onlyFormatErrors("avcC", List.of(avcC), COUNT, 3, b -> {
            AvcConfig c = AvcConfig.parse(b);
            c.firstSps();
            c.toBytes();
            TrackInfo.videoTrack(1, Codec.H264, b);
        });
        Fuzz.onlyFormatErrors("hvcC", List.of(hvcC), COUNT, 4, b -> {
            HevcConfig c = HevcConfig.parse(b);
            c.firstSps();
            c.toBytes();
            TrackInfo.videoTrack(1, Codec.H265, b);
        });
    }

    @Test
    void spsAndVps() throws Exception {
        Fuzz.onlyFormatErrors("H.264 SPS", AvcConfig.parse(avcC).sps(), COUNT, 5, H264Sps::parse);
        Fuzz.onlyFormatErrors("H.265 SPS", HevcConfig.parse(hvcC).sps(), COUNT, 6, H265Sps::parse);
        Fuzz.onlyFormatErrors("H.265 VPS", HevcConfig.parse(hvcC).vps(), COUNT, 7, H265Vps::parse);
    }

    @Test
    void nalFraming() throws Exception {
        HevcConfig hevc = HevcConfig.parse(hvcC);
        byte[] annexB = Nal.toAnnexB(hevc.sps());
        byte[] prefixed = Nal.toLengthPrefixed(AvcConfig.parse(avcC).sps());
        Fuzz.onlyFormatErrors("NAL framing", List.of(annexB, prefixed), COUNT, 8, b -> {
            for (byte[] nal : Nal.splitAnnexB(b)) {
                Nal.h264Type(nal);
            }
            Nal.splitLengthPrefixed(b);
        });
    }

    @Test
    void codecStringsOfTracksThatReadBack() {
        Fuzz.onlyFormatErrors("codec string", List.of(avcC), COUNT / 4, 9, b -> {
            Track t = TrackInfo.videoTrack(1, Codec.H264, b); // a config that made a track has a codec string
            CodecString.of(t);
        });
    }
}
