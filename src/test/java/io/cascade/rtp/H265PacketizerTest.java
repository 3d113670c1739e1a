package io.cascade.rtp;

import io.cascade.codec.HevcConfig;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static io.cascade.rtp.H264PacketizerTest.frame;
import static io.cascade.rtp.H264PacketizerTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

class H265PacketizerTest {
    private static final HexFormat HEX = HexFormat.of();
    private final H265Packetizer packetizer = new H265Packetizer(new HevcConfig(List.of(HEX.parseHex("40010c")),
            List.of(HEX.parseHex("420101")), List.of(HEX.parseHex("4401c0"))), 1400);

    @Test
    void anIrapPictureStartsWithTheParameterSetsInOneAggregationPacket() throws Exception {
        List<RtpChunk> chunks = packetizer.packetize(frame(true, HEX.parseHex("4601"), HEX.parseHex("2601aabb")));
        // AP header: type 48, LayerId 0, TID 1; then each unit with its 16-bit size; the AUD is not sent
        assertThat(chunks).extracting(H264PacketizerTest::hex)
                .containsExactly("6001" + "000340010c" + "0003420101" + "00034401c0", "2601aabb");
        assertThat(chunks).extracting(RtpChunk::marker).containsExactly(false, true);
    }

    @Test
    void aLargeUnitIsCutIntoFragmentationUnits() throws Exception {
        byte[] idr = new byte[2000];
        idr[0] = 0x26; // IDR_W_RADL, type 19
        idr[1] = 0x01;
        List<RtpChunk> chunks = packetizer.packetize(frame(false, idr));
        // PayloadHdr type 49 with the unit's LayerId/TID, FU header S/E and type 19
        assertThat(chunks).extracting(c -> HEX.formatHex(c.prefix())).containsExactly("620193", "620153");
        assertThat(chunks).extracting(RtpChunk::length).containsExactly(1397, 601);
        assertThat(chunks).extracting(RtpChunk::marker).containsExactly(false, true);
        assertThat(hex(chunks.get(0))).startsWith("6201930000");
    }

    @Test
    void theFormatParametersCarryTheParameterSets() {
        assertThat(packetizer.encoding()).isEqualTo("H265/90000");
        assertThat(packetizer.formatParameters()).isEqualTo("sprop-vps=QAEM;sprop-sps=QgEB;sprop-pps=RAHA");
    }
}
