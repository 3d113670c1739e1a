package io.cascade.codec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NalTest {
    @Test
    void splitsAnnexBWithThreeAndFourByteStartCodes() throws Exception {
        byte[] stream = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, (byte) 0x88, 0};
        List<byte[]> nals = Nal.splitAnnexB(stream);
        assertThat(nals).containsExactly(new byte[] {0x67, 1, 2}, new byte[] {0x68, 3}, new byte[] {0x65, (byte) 0x88});
    }

    @Test
    void ignoresBytesBeforeTheFirstStartCodeAndEmptyUnits() throws Exception {
        byte[] stream = {9, 9, 0, 0, 1, 0, 0, 1, 0x41, 7};
        assertThat(Nal.splitAnnexB(stream)).containsExactly(new byte[] {0x41, 7});
        assertThat(Nal.splitAnnexB(new byte[] {1, 2, 3})).isEmpty();
    }

    @Test
    void lengthPrefixedRoundTrip() throws Exception {
        List<byte[]> nals = List.of(new byte[] {0x67, 1}, new byte[] {}, new byte[] {0x65, 1, 2, 3});
        byte[] prefixed = Nal.toLengthPrefixed(nals);
        assertThat(prefixed).containsExactly(0, 0, 0, 2, 0x67, 1, 0, 0, 0, 0, 0, 0, 0, 4, 0x65, 1, 2, 3);
        assertThat(Nal.splitLengthPrefixed(prefixed)).containsExactlyElementsOf(nals);
    }

    @Test
    void annexBRoundTrip() throws Exception {
        List<byte[]> nals = List.of(new byte[] {0x09, (byte) 0xf0}, new byte[] {0x65, 0, 0, 3, 1});
        assertThat(Nal.splitAnnexB(Nal.toAnnexB(nals))).containsExactlyElementsOf(nals);
    }

    @Test
    void rejectsLengthsBeyondTheData() throws Exception {
        assertThatThrownBy(() -> Nal.splitLengthPrefixed(new byte[] {0, 0, 0, 9, 1}))
                .isInstanceOf(CodecFormatException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> Nal.splitLengthPrefixed(new byte[] {0, 0, 1}))
                .isInstanceOf(CodecFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Nal.splitLengthPrefixed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isInstanceOf(CodecFormatException.class);
    }

    @Test
    void removesEmulationPrevention() throws Exception {
        assertThat(Nal.unescape(new byte[] {1, 0, 0, 3, 1, 0, 0, 3, 0, 0, 3})).containsExactly(1, 0, 0, 1, 0, 0, 0, 0);
        assertThat(Nal.unescape(new byte[] {0, 3, 0, 3})).containsExactly(0, 3, 0, 3);
    }

    @Test
    void nalTypes() throws Exception {
        assertThat(Nal.h264Type(new byte[] {0x65})).isEqualTo(5);
        assertThat(Nal.h264Type(new byte[] {0x67})).isEqualTo(7);
        assertThat(Nal.h265Type(new byte[] {0x40, 0x01})).isEqualTo(32);
        assertThat(Nal.h265Type(new byte[] {0x26, 0x01})).isEqualTo(19);
        assertThat(Nal.isH265Irap(19)).isTrue();
        assertThat(Nal.isH265Irap(1)).isFalse();
        assertThatThrownBy(() -> Nal.h265Type(new byte[] {0x40})).isInstanceOf(CodecFormatException.class);
    }
}
