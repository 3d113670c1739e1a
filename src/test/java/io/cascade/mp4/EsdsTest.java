package io.cascade.mp4;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EsdsTest {

    private static Box box(byte[] bytes) throws Mp4FormatException {
        return BoxReader.readAll(ByteBuffer.wrap(bytes), 0, "test").get(0);
    }

    @Test
    void writtenEsdsReadsBackItsAudioSpecificConfig() throws Exception {
        BoxWriter w = new BoxWriter();
        Esds.writeAac(w, new byte[] {0x11, (byte) 0x88});

        Esds esds = Esds.read(box(w.toByteArray()));

        assertThat(esds.objectType()).isEqualTo(0x40);
        assertThat(esds.isAac()).isTrue();
        assertThat(esds.decoderSpecificInfo()).containsExactly(0x11, (byte) 0x88);
    }

    @Test
    void longConfigsUseMultiByteLengths() throws Exception {
        byte[] asc = new byte[300];
        asc[299] = 42;
        BoxWriter w = new BoxWriter();
        Esds.writeAac(w, asc);

        assertThat(Esds.read(box(w.toByteArray())).decoderSpecificInfo()).isEqualTo(asc);
    }

    @Test
    void descriptorClaimingMoreThanTheBoxHoldsIsAFormatError() throws Exception {
        byte[] bytes = new BoxWriter().startFull("esds", 0, 0).u8(0x03).u8(0x7F).u16(0).end().toByteArray();

        assertThatThrownBy(() -> Esds.read(box(bytes))).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("claims 127 bytes");
    }

    @Test
    void packedLanguageRoundTrips() throws Exception {
        assertThat(PackedLanguage.decode(PackedLanguage.encode("eng"))).isEqualTo("eng");
        assertThat(PackedLanguage.encode("und")).isEqualTo(0x55C4);
        assertThat(PackedLanguage.decode(0)).isEqualTo("und");
        assertThat(PackedLanguage.decode(PackedLanguage.encode("EN"))).isEqualTo("und");
    }
}
