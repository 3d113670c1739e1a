package io.cascade.mp4;

/**
 * The MPEG-4 elementary stream descriptor box ({@code esds}, ISO/IEC 14496-14 §3.1.2): which
 * kind of MPEG-4 stream a sample entry holds and its DecoderSpecificInfo (for AAC, the
 * AudioSpecificConfig).
 *
 * @param objectType           objectTypeIndication (0x40 = MPEG-4 audio)
 * @param decoderSpecificInfo  the DecoderSpecificInfo bytes, empty when absent
 */
public record Esds(int objectType, byte[] decoderSpecificInfo) {
    private static final int ES_DESCRIPTOR = 0x03;
    private static final int DECODER_CONFIG = 0x04;
    private static final int DECODER_SPECIFIC_INFO = 0x05;
    private static final int SL_CONFIG = 0x06;
    private static final int MPEG4_AUDIO = 0x40;
    private static final int AUDIO_STREAM = 0x05;

    public Esds {
        decoderSpecificInfo = decoderSpecificInfo.clone();
    }

    @Override
    public byte[] decoderSpecificInfo() {
        return decoderSpecificInfo.clone();
    }

    /** True for MPEG-4 audio and the MPEG-2 AAC profiles, i.e. a payload Cascade carries as AAC. */
    public boolean isAac() {
        return objectType == MPEG4_AUDIO || (objectType >= 0x66 && objectType <= 0x68);
    }

    public static Esds read(Box esds) throws Mp4FormatException {
        FieldReader in = esds.fields();
        in.skip(4);
        FieldReader es = descriptor(in, ES_DESCRIPTOR);
        es.skip(2);
        int flags = es.u8();
        if ((flags & 0x80) != 0) {
            es.skip(2);
        }
        if ((flags & 0x40) != 0) {
            es.skip(es.u8());
        }
        if ((flags & 0x20) != 0) {
            es.skip(2);
        }
        FieldReader config = descriptor(es, DECODER_CONFIG);
        int objectType = config.u8();
        config.skip(12);
        byte[] dsi = config.remaining() > 0 ? descriptorBytes(config, DECODER_SPECIFIC_INFO) : new byte[0];
        return new Esds(objectType, dsi);
    }

    /** Writes a whole {@code esds} box for an AAC stream with the given AudioSpecificConfig. */
    public static void writeAac(BoxWriter out, byte[] audioSpecificConfig) {
        int dsiLength = audioSpecificConfig.length;
        int configLength = 13 + headerLength(dsiLength) + dsiLength;
        int esLength = 3 + headerLength(configLength) + configLength + 3;
        out.startFull("esds", 0, 0);
        descriptorHeader(out, ES_DESCRIPTOR, esLength);
        out.u16(0).u8(0); // ES_ID 0 as MP4 files store it; no dependence, URL or OCR
        descriptorHeader(out, DECODER_CONFIG, configLength);
        out.u8(MPEG4_AUDIO).u8((AUDIO_STREAM << 2) | 1).u24(0).u32(0).u32(0);
        descriptorHeader(out, DECODER_SPECIFIC_INFO, dsiLength);
        out.bytes(audioSpecificConfig);
        descriptorHeader(out, SL_CONFIG, 1);
        out.u8(2); // predefined: MP4 files
        out.end();
    }

    /** Finds the descriptor {@code tag} among the ones left in {@code in} and returns its body. */
    private static FieldReader descriptor(FieldReader in, int tag) throws Mp4FormatException {
        return new FieldReader(java.nio.ByteBuffer.wrap(descriptorBytes(in, tag)), "esds");
    }

    private static byte[] descriptorBytes(FieldReader in, int tag) throws Mp4FormatException {
        while (in.remaining() > 0) {
            int found = in.u8();
            int length = length(in);
            if (length > in.remaining()) {
                throw in.error("descriptor 0x" + Integer.toHexString(found) + " claims " + length
                        + " bytes but only " + in.remaining() + " remain");
            }
            if (found == tag) {
                return in.bytes(length);
            }
            in.skip(length);
        }
        throw in.error("no descriptor with tag 0x" + Integer.toHexString(tag));
    }

    /** The expandable size: up to four bytes of 7 bits, high bit set on all but the last. */
    private static int length(FieldReader in) throws Mp4FormatException {
        int length = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.u8();
            length = (length << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                return length;
            }
        }
        throw in.error("descriptor length longer than four bytes");
    }

    private static int headerLength(int length) {
        return 1 + lengthBytes(length);
    }

    private static int lengthBytes(int length) {
        int n = 1;
        while (length >= 1 << (7 * n) && n < 4) {
            n++;
        }
        return n;
    }

    private static void descriptorHeader(BoxWriter out, int tag, int length) {
        out.u8(tag);
        int n = lengthBytes(length);
        for (int i = n - 1; i >= 0; i--) {
            int part = (length >>> (7 * i)) & 0x7F;
            out.u8(i > 0 ? part | 0x80 : part);
        }
    }
}
