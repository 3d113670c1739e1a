package io.cascade.mp4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoxWriterTest {

    @Test
    void endPatchesTheSizesOfNestedBoxes() {
        byte[] bytes = new BoxWriter().start("moov").startFull("mvhd", 1, 0x000203).u16(0xABCD).end().end()
                .toByteArray();

        assertThat(bytes).containsExactly(
                0, 0, 0, 22, 'm', 'o', 'o', 'v',
                0, 0, 0, 14, 'm', 'v', 'h', 'd', 1, 0, 2, 3, (byte) 0xAB, (byte) 0xCD);
    }

    @Test
    void writesBigEndianFieldsAndPatches() {
        BoxWriter w = new BoxWriter().u24(0x010203).u32(0).u64(0x0102030405060708L);
        w.patchU32(3, 0xDEADBEEFL);

        assertThat(w.toByteArray()).containsExactly(1, 2, 3, (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF,
                1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void growsPastItsInitialBuffer() {
        BoxWriter w = new BoxWriter().start("mdat").zeros(100_000).end();

        assertThat(w.toByteArray()).hasSize(100_008);
    }

    @Test
    void refusesUnbalancedBoxesAndBadCodes() {
        assertThatThrownBy(() -> new BoxWriter().start("moov").toByteArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BoxWriter().end()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BoxWriter().start("toolong")).isInstanceOf(IllegalArgumentException.class);
    }
}
