package io.cascade.cmaf;

import io.cascade.media.Track;
import io.cascade.mp4.BoxWriter;
import io.cascade.mp4.Esds;

/** Writes the stsd sample entry of a track: avc1+avcC, hvc1+hvcC or mp4a+esds. */
final class SampleEntryWriter {
    private static final int MAX_16_16_RATE = 0xFFFF;

    private SampleEntryWriter() {
    }

    static void write(BoxWriter out, Track t) {
        switch (t.codec()) {
            case H264 -> visual(out, t, "avcC");
            case H265 -> visual(out, t, "hvcC");
            case AAC -> audio(out, t);
        }
    }

    private static void visual(BoxWriter out, Track t, String configBox) {
        out.start(t.codec().sampleEntry()).zeros(6).u16(1);
        out.zeros(16).u16(t.width()).u16(t.height());
        out.u32(0x00480000).u32(0x00480000).u32(0).u16(1); // 72 dpi, one frame per sample
        out.zeros(32).u16(0x0018).u16(0xFFFF); // no compressor name, 24-bit colour
        out.start(configBox).bytes(t.config()).end();
        out.end();
    }

    private static void audio(BoxWriter out, Track t) {
        // rates above 65535 do not fit 16.16; the AudioSpecificConfig still carries them
        long rate = t.sampleRate() <= MAX_16_16_RATE ? (long) t.sampleRate() << 16 : 0;
        out.start("mp4a").zeros(6).u16(1);
        out.zeros(8).u16(t.channels()).u16(16).u16(0).u16(0).u32(rate);
        Esds.writeAac(out, t.config());
        out.end();
    }
}
