package io.cascade.rtp;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatmDepacketizerTest {
    private static final HexFormat HEX = HexFormat.of();

    /** StreamMuxConfig of AAC LC, 48 kHz, stereo, one subframe: the config cameras and VLC announce. */
    static SdpMedia media(String config, String cpresent) {
        return new SdpMedia("audio", 96, "MP4A-LATM", 48000, 2, Map.of("config", config, "cpresent", cpresent), "");
    }

    @Test
    void theAudioSpecificConfigComesOutOfTheStreamMuxConfig() throws Exception {
        LatmDepacketizer d = new LatmDepacketizer(media("400023203fc0", "0"));
        assertThat(d.config()).contains(HEX.parseHex("1190"));
    }

    @Test
    void payloadLengthInfoFramesTheUnitEvenAcrossPackets() throws Exception {
        LatmDepacketizer d = new LatmDepacketizer(media("400023203fc0", "0"));
        byte[] unit = new byte[300];
        unit[0] = 0x21;
        unit[299] = 0x7f;
        byte[] element = new byte[2 + 300];
        element[0] = (byte) 255; // 255 + 45 = 300
        element[1] = 45;
        System.arraycopy(unit, 0, element, 2, 300);
        List<AccessUnit> one = d.push(new RtpPacket(96, true, 1, 1000, 1, element), false);
        assertThat(one).singleElement().satisfies(au -> {
            assertThat(au.data()).isEqualTo(unit);
            assertThat(au.timestamp()).isEqualTo(1000);
        });
        byte[] first = java.util.Arrays.copyOfRange(element, 0, 100);
        byte[] rest = java.util.Arrays.copyOfRange(element, 100, element.length);
        assertThat(d.push(new RtpPacket(96, false, 2, 2024, 1, first), false)).isEmpty();
        assertThat(d.push(new RtpPacket(96, true, 3, 2024, 1, rest), false)).extracting(AccessUnit::data).containsExactly(unit);
        // the second half alone, after a loss, is dropped
        assertThat(d.push(new RtpPacket(96, false, 5, 3048, 1, first), false)).isEmpty();
        assertThat(d.push(new RtpPacket(96, true, 7, 3048, 1, rest), true)).isEmpty();
        assertThat(d.framesDropped()).isEqualTo(1);
        // and the next element is read again
        assertThat(d.push(new RtpPacket(96, true, 8, 4072, 1, element), false)).extracting(AccessUnit::data).containsExactly(unit);
    }

    @Test
    void inBandConfigAndOtherLayoutsAreRefused() {
        assertThatThrownBy(() -> new LatmDepacketizer(media("400023203fc0", "1"))).hasMessageContaining("cpresent");
        assertThatThrownBy(() -> new LatmDepacketizer(media("c00023203fc0", "0"))).hasMessageContaining("audioMuxVersion");
        assertThatThrownBy(() -> new LatmDepacketizer(media("zz", "0"))).isInstanceOf(RtpFormatException.class);
    }
}
