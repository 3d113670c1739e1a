package io.cascade.codec;

import io.cascade.media.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudioConfigTest {
    @Test
    void parsesAndWritesAacLc() throws Exception {
        AudioSpecificConfig asc = AudioSpecificConfig.parse(new byte[] {0x11, (byte) 0x90});
        assertThat(asc).isEqualTo(new AudioSpecificConfig(2, 48000, 2));
        assertThat(asc.toBytes()).containsExactly(0x11, 0x90);
        assertThat(new AudioSpecificConfig(2, 44100, 1).toBytes()).containsExactly(0x12, 0x08);
    }

    @Test
    void handlesExplicitRatesAndEscapedObjectTypes() throws Exception {
        AudioSpecificConfig odd = new AudioSpecificConfig(2, 50000, 1);
        assertThat(odd.sampleRateIndex()).isEqualTo(-1);
        assertThat(AudioSpecificConfig.parse(odd.toBytes())).isEqualTo(odd);
        AudioSpecificConfig escaped = new AudioSpecificConfig(42, 48000, 2);
        assertThat(AudioSpecificConfig.parse(escaped.toBytes())).isEqualTo(escaped);
        assertThat(new AudioSpecificConfig(2, 48000, 7).channels()).isEqualTo(8);
    }

    @Test
    void adtsHeaderRoundTrip() throws Exception {
        AudioSpecificConfig asc = new AudioSpecificConfig(2, 44100, 2);
        byte[] header = AdtsHeader.write(asc, 300);
        assertThat(header).hasSize(7);
        AdtsHeader parsed = AdtsHeader.parse(header, 0, header.length);
        assertThat(parsed.frameLength()).isEqualTo(307);
        assertThat(parsed.payloadLength()).isEqualTo(300);
        assertThat(parsed.protectionAbsent()).isTrue();
        assertThat(AudioSpecificConfig.fromAdts(parsed)).isEqualTo(asc);
    }

    @Test
    void rejectsBadAdts() throws Exception {
        assertThatThrownBy(() -> AdtsHeader.parse(new byte[] {(byte) 0xff, (byte) 0xf1, 0}, 0, 3))
                .isInstanceOf(CodecFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> AdtsHeader.parse(new byte[] {0x12, (byte) 0xf1, 0, 0, 0, 0, 0}, 0, 7))
                .isInstanceOf(CodecFormatException.class).hasMessageContaining("sync");
        byte[] tooShort = AdtsHeader.write(new AudioSpecificConfig(2, 48000, 2), 0);
        tooShort[4] = 0; // frame length 0
        tooShort[3] &= (byte) 0xfc;
        tooShort[5] &= 0x1f;
        assertThatThrownBy(() -> AdtsHeader.parse(tooShort, 0, 7)).isInstanceOf(CodecFormatException.class);
        assertThatThrownBy(() -> AdtsHeader.write(new AudioSpecificConfig(2, 50000, 2), 10))
                .isInstanceOf(CodecFormatException.class);
    }

    @Test
    void readsAdtsFromEncoderOutput(@TempDir Path dir) throws Exception {
        byte[] aac = TestClips.read(TestClips.make(dir, "a.aac", null, 0.5, "-c:a", "aac", "-ac", "2"));
        int frames = 0;
        int pos = 0;
        while (pos < aac.length) {
            AdtsHeader header = AdtsHeader.parse(aac, pos, aac.length - pos);
            assertThat(AudioSpecificConfig.fromAdts(header)).isEqualTo(new AudioSpecificConfig(2, 48000, 2));
            pos += header.frameLength();
            frames++;
        }
        assertThat(pos).isEqualTo(aac.length);
        assertThat(frames).isBetween(23, 26); // 0.5 s of 1024-sample frames at 48 kHz, plus priming
        Track track = TrackInfo.audioTrack(2, new AudioSpecificConfig(2, 48000, 2).toBytes());
        assertThat(track.sampleRate()).isEqualTo(48000);
        assertThat(track.channels()).isEqualTo(2);
        assertThat(CodecString.of(track)).isEqualTo("mp4a.40.2");
    }

    @Test
    void audioSpecificConfigGivesRateAndChannels() throws Exception {
        assertThat(AudioSpecificConfig.parse(new byte[] {0x11, (byte) 0x88})).isEqualTo(new AudioSpecificConfig(2, 48000, 1));
        assertThat(AudioSpecificConfig.parse(new byte[] {0x12, 0x10})).isEqualTo(new AudioSpecificConfig(2, 44100, 2));
        // HE-AAC with explicit SBR: 24 kHz core, 48 kHz out
        AudioSpecificConfig he = AudioSpecificConfig.parse(new byte[] {0x2B, 0x11, (byte) 0x80});
        assertThat(he.objectType()).isEqualTo(5);
        assertThat(he.sampleRate()).isEqualTo(48000);
        assertThat(he.channels()).isEqualTo(2);
        assertThatThrownBy(() -> AudioSpecificConfig.parse(new byte[] {0x16, (byte) 0x88})) // reserved rate index 13
                .isInstanceOf(CodecFormatException.class);
        assertThatThrownBy(() -> AudioSpecificConfig.parse(new byte[] {0x11})).isInstanceOf(CodecFormatException.class);
    }

    @Test
    void readsBackwardCompatibleSbrAndPsSignalling() throws Exception {
        // what ffmpeg writes for AAC LC: sync extension 0x2b7 saying "no SBR"
        AudioSpecificConfig lc = AudioSpecificConfig.parse(new byte[] {0x11, (byte) 0x90, 0x56, (byte) 0xe5, 0x00});
        assertThat(lc).isEqualTo(new AudioSpecificConfig(2, 48000, 2));
        // LC 24 kHz mono core, 0x2b7 + SBR present at 48 kHz, 0x548 + PS present
        byte[] compatible = new BitWriter().write(2, 5).write(6, 4).write(1, 4).write(0, 3)
                .write(0x2b7, 11).write(5, 5).write(1, 1).write(3, 4).write(0x548, 11).write(1, 1).toBytes();
        AudioSpecificConfig he = AudioSpecificConfig.parse(compatible);
        assertThat(he.objectType()).isEqualTo(2);
        assertThat(he.sbr()).isTrue();
        assertThat(he.ps()).isTrue();
        assertThat(he.sampleRate()).isEqualTo(48000);
        assertThat(he.coreSampleRate()).isEqualTo(24000);
        assertThat(he.channels()).as("parametric stereo over a mono core").isEqualTo(2);
    }

    @Test
    void explicitHierarchicalSignallingRoundTrips() throws Exception {
        AudioSpecificConfig v2 = new AudioSpecificConfig(29, 44100, 1);
        AudioSpecificConfig back = AudioSpecificConfig.parse(v2.toBytes());
        assertThat(back).isEqualTo(v2);
        assertThat(back.sampleRate()).isEqualTo(44100);
        assertThat(back.coreSampleRate()).isEqualTo(22050);
        assertThat(back.channels()).isEqualTo(2);
        byte[] header = AdtsHeader.write(back, 10);
        assertThat(AdtsHeader.parse(header, 0, header.length).sampleRateIndex()).as("ADTS carries the core rate").isEqualTo(7);
    }

    @Test
    void aProgramConfigElementSurvivesRewriting() throws Exception {
        byte[] asc = new BitWriter().write(2, 5).write(3, 4).write(0, 4).write(0, 3)
                .write(0, 4).write(1, 2).write(3, 4).write(1, 4).write(0, 4).write(1, 4).write(1, 2)
                .write(0, 3).write(0, 4).write(0, 3).write(1, 1).write(0, 4).write(1, 1).write(1, 4).write(0, 4)
                .alignToByte().write(2, 8).write('h', 8).write('i', 8).toBytes();
        AudioSpecificConfig parsed = AudioSpecificConfig.parse(asc);
        assertThat(parsed.channels()).as("L/R front, L/R back, LFE").isEqualTo(5);
        assertThat(parsed.pce().comment()).containsExactly('h', 'i');
        assertThat(AudioSpecificConfig.parse(parsed.toBytes())).isEqualTo(parsed);
        assertThat(parsed.toBytes()).containsExactly(asc);
        assertThatThrownBy(() -> AudioSpecificConfig.parse(new byte[] {0x11, (byte) 0xc0})) // configuration 8: reserved
                .isInstanceOf(CodecFormatException.class).hasMessageContaining("reserved");
    }
}
