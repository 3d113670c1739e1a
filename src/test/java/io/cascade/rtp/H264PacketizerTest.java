package io.cascade.rtp;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.Nal;
import io.cascade.media.Frame;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class H264PacketizerTest {
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] SPS = HEX.parseHex("6742c01e");
    static final byte[] PPS = HEX.parseHex("68ce3c80");

    private final H264Packetizer packetizer = new H264Packetizer(new AvcConfig(List.of(SPS), List.of(PPS)), 1400);

    static Frame frame(boolean key, byte[]... nals) {
        return new Frame(1, 0, 0, 3600, key, Nal.toLengthPrefixed(List.of(nals)));
    }

    static String hex(RtpChunk c) {
        byte[] out = new byte[c.size()];
        System.arraycopy(c.prefix(), 0, out, 0, c.prefix().length);
        System.arraycopy(c.data(), c.offset(), out, c.prefix().length, c.length());
        return HEX.formatHex(out);
    }

    @Test
    void aKeyframeStartsWithTheParameterSetsInOneStapA() throws Exception {
        List<RtpChunk> chunks = packetizer.packetize(frame(true, HEX.parseHex("09f0"), HEX.parseHex("65010203")));
        assertThat(chunks).hasSize(2);
        // STAP-A: F=0 NRI=3 type 24, then each unit with its 16-bit size; the AUD is not sent
        assertThat(hex(chunks.get(0))).isEqualTo("78" + "00046742c01e" + "000468ce3c80");
        assertThat(chunks.get(0).marker()).isFalse();
        assertThat(hex(chunks.get(1))).isEqualTo("65010203");
        assertThat(chunks.get(1).marker()).isTrue();
    }

    @Test
    void otherFramesAreSentAsTheyAreWithTheMarkerOnTheLastUnit() throws Exception {
        List<RtpChunk> chunks = packetizer.packetize(frame(false, HEX.parseHex("0601ff80"), HEX.parseHex("41aa")));
        assertThat(chunks).extracting(H264PacketizerTest::hex).containsExactly("0601ff80", "41aa");
        assertThat(chunks).extracting(RtpChunk::marker).containsExactly(false, true);
    }

    @Test
    void aKeyframeCarryingItsOwnSpsGetsNoSecondCopy() throws Exception {
        List<RtpChunk> chunks = packetizer.packetize(frame(true, SPS, PPS, HEX.parseHex("6501")));
        assertThat(chunks).extracting(H264PacketizerTest::hex).containsExactly("6742c01e", "68ce3c80", "6501");
    }

    @Test
    void aLargeUnitIsCutIntoFuAFragments() throws Exception {
        byte[] idr = new byte[3000];
        idr[0] = 0x65;
        for (int i = 1; i < idr.length; i++) {
            idr[i] = (byte) i;
        }
        List<RtpChunk> chunks = packetizer.packetize(frame(false, idr));
        assertThat(chunks).hasSize(3);
        // FU indicator: F, NRI of the unit, type 28; FU header: S/E bits and the unit's type
        assertThat(chunks).extracting(c -> HEX.formatHex(c.prefix())).containsExactly("7c85", "7c05", "7c45");
        assertThat(chunks).extracting(RtpChunk::length).containsExactly(1398, 1398, 203);
        assertThat(chunks).extracting(RtpChunk::marker).containsExactly(false, false, true);
        assertThat(chunks).allMatch(c -> c.size() <= 1400);
        assertThat(chunks.getFirst().offset()).as("the unit's header byte is not repeated").isEqualTo(4 + 1);
    }

    @Test
    void theFormatParametersCarryProfileAndParameterSets() throws Exception {
        AvcConfig config = GoldenSamples.h264Config();
        H264Packetizer p = new H264Packetizer(config, 1400);
        byte[] sps = config.sps().getFirst();
        assertThat(p.encoding()).isEqualTo("H264/90000");
        assertThat(p.formatParameters()).isEqualTo("packetization-mode=1;profile-level-id="
                + HEX.withUpperCase().formatHex(sps, 1, 4) + ";sprop-parameter-sets="
                + java.util.Base64.getEncoder().encodeToString(sps) + ","
                + java.util.Base64.getEncoder().encodeToString(config.pps().getFirst()));
    }

    @Test
    void aBrokenLengthPrefixIsRefused() {
        Frame broken = new Frame(1, 0, 0, 0, false, HEX.parseHex("0000001041"));
        assertThatThrownBy(() -> packetizer.packetize(broken)).isInstanceOf(RtpFormatException.class);
    }
}
