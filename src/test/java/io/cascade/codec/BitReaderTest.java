package io.cascade.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BitReaderTest {
    @Test
    void readsBitsAcrossByteBoundaries() throws Exception {
        BitReader r = new BitReader(new byte[] {(byte) 0b1010_1100, (byte) 0b0101_0011});
        assertThat(r.readBits(3)).isEqualTo(0b101);
        assertThat(r.readBits(7)).isEqualTo(0b0110001);
        assertThat(r.readFlag()).isFalse();
        assertThat(r.bitsLeft()).isEqualTo(5);
        assertThat(r.readBits(5)).isEqualTo(0b10011);
    }

    @Test
    void readsExpGolomb() throws Exception {
        // ue: 1 -> 0, 010 -> 1, 011 -> 2, 00100 -> 3 ; se: 010 -> +1, 011 -> -1, 00100 -> +2
        BitReader r = new BitReader(new byte[] {(byte) 0b1010_0110, (byte) 0b0100_0100, (byte) 0b1100_1000});
        assertThat(r.readUe()).isZero();
        assertThat(r.readUe()).isEqualTo(1);
        assertThat(r.readUe()).isEqualTo(2);
        assertThat(r.readUe()).isEqualTo(3);
        assertThat(r.readSe()).isEqualTo(1);
        assertThat(r.readSe()).isEqualTo(-1);
        assertThat(r.readSe()).isEqualTo(2);
    }

    @Test
    void reads32BitValues() throws Exception {
        BitReader r = new BitReader(new byte[] {(byte) 0xff, 0, 0, 1});
        assertThat(r.readLong(32)).isEqualTo(0xff000001L);
    }

    @Test
    void failsClearlyWhenTruncatedOrCorrupt() throws Exception {
        assertThatThrownBy(() -> new BitReader(new byte[] {1}).readBits(9))
                .isInstanceOf(CodecFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> new BitReader(new byte[8]).readUe())
                .isInstanceOf(CodecFormatException.class);
        assertThatThrownBy(() -> new BitReader(new byte[] {0, 0}).readUe())
                .isInstanceOf(CodecFormatException.class);
        assertThatThrownBy(() -> new BitReader(new byte[] {0b0001_0000}).readUe("x", 3))
                .isInstanceOf(CodecFormatException.class).hasMessageContaining("x = 7");
    }
}
