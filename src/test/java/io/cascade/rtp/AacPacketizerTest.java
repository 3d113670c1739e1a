package io.cascade.rtp;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AacPacketizerTest {
    private static final HexFormat HEX = HexFormat.of();
    private final AacPacketizer packetizer = new AacPacketizer(Track.audio(2, Codec.AAC, HEX.parseHex("1190"), 48_000, 2), 1400);

    private static Frame au(int size) {
        return new Frame(2, 0, 0, 1920, true, new byte[size]);
    }

    @Test
    void oneAccessUnitPerPacketBehindItsAuHeader() throws Exception {
        List<RtpChunk> chunks = packetizer.packetize(au(100));
        assertThat(chunks).hasSize(1);
        // AU-headers-length 16 bits, AU-size 100 in 13 bits, AU-index 0
        assertThat(HEX.formatHex(chunks.getFirst().prefix())).isEqualTo("00100320");
        assertThat(chunks.getFirst().length()).isEqualTo(100);
        assertThat(chunks.getFirst().marker()).isTrue();
    }

    @Test
    void aLargeUnitIsFragmentedWithTheWholeSizeInEveryHeader() throws Exception {
        List<RtpChunk> chunks = packetizer.packetize(au(3000));
        assertThat(chunks).extracting(c -> HEX.formatHex(c.prefix())).containsOnly("00105dc0");
        assertThat(chunks).extracting(RtpChunk::length).containsExactly(1396, 1396, 208);
        assertThat(chunks).extracting(RtpChunk::marker).containsExactly(false, false, true);
    }

    @Test
    void aUnitTheAuHeaderCannotStateIsRefused() {
        assertThatThrownBy(() -> packetizer.packetize(au(8192))).isInstanceOf(RtpFormatException.class);
    }

    @Test
    void theFormatIsAacHbrWithTheAudioSpecificConfig() {
        assertThat(packetizer.clockRate()).isEqualTo(48_000);
        assertThat(packetizer.encoding()).isEqualTo("MPEG4-GENERIC/48000/2");
        assertThat(packetizer.formatParameters()).isEqualTo("streamtype=5;profile-level-id=1;mode=AAC-hbr;"
                + "sizelength=13;indexlength=3;indexdeltalength=3;config=1190");
    }
}
