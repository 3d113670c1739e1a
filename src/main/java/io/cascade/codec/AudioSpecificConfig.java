package io.cascade.codec;

import io.cascade.media.Track;

/**
 * An MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) as far as a track description needs
 * it: object type, sample rates, channel layout, and SBR / PS signalled explicitly (hierarchical
 * object types 5 and 29, or the backward compatible sync extensions 0x2b7 and 0x548), or found
 * implicitly in the audio ({@link #withImplicitSbr}).
 *
 * <p>What a {@link Track} reports is decided here, once for every container
 * ({@link #sampleRate()}, {@link #channels()}): the output a player shows.
 *
 * @param objectType      audioObjectType as signalled (2 = AAC LC, 5 = SBR, 29 = PS …)
 * @param sampleRate      output sample rate in Hz: the SBR rate when SBR is present
 * @param channelConfig   channelConfiguration (0 = layout given by {@code pce})
 * @param coreObjectType  the object type of the core coder (2 for HE-AAC); {@code objectType} without SBR
 * @param coreSampleRate  sample rate of the core coder, the rate in ADTS headers
 * @param sbr             spectral band replication present (HE-AAC)
 * @param ps              parametric stereo present (HE-AAC v2)
 * @param pce             the program config element when {@code channelConfig} is 0, else null
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channelConfig, int coreObjectType,
                                  int coreSampleRate, boolean sbr, boolean ps, ProgramConfigElement pce) {

    public static final int AAC_LC = 2;
    public static final int SBR = 5;
    public static final int PS = 29;
    /** Table 1.18, samplingFrequencyIndex 0..12; 13 and 14 are reserved, 15 escapes to 24 bits. */
    private static final int[] SAMPLE_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000,
            12000, 11025, 8000, 7350};
    private static final int ESCAPE_INDEX = 15;
    /** Output channels of channelConfiguration 0..15 (Table 1.19, with the 2009 layouts 11 to 14); -1 reserved. */
    private static final int[] CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8, -1, -1, -1, 7, 8, 24, 8, -1};
    private static final int SYNC_SBR = 0x2b7;
    private static final int SYNC_PS = 0x548;

    public AudioSpecificConfig {
        if (objectType < 1 || objectType > 95 || coreObjectType < 0 || coreObjectType > 95) {
            throw new IllegalArgumentException("audio object type out of range: " + objectType + "/" + coreObjectType);
        }
        if (sampleRate <= 0 || sampleRate > 0xffffff || coreSampleRate <= 0 || coreSampleRate > 0xffffff) {
            throw new IllegalArgumentException("sample rate out of range: " + sampleRate + "/" + coreSampleRate);
        }
        if (channelConfig < 0 || channelConfig > 15) {
            throw new IllegalArgumentException("channel configuration out of range: " + channelConfig);
        }
        if (pce != null && channelConfig != 0) {
            throw new IllegalArgumentException("a program config element goes with channel configuration 0 only");
        }
    }

    /**
     * A plain config: no program config element; object types 5 and 29 mean HE-AAC over an AAC LC
     * core at half {@code sampleRate}.
     */
    public AudioSpecificConfig(int objectType, int sampleRate, int channelConfig) {
        this(objectType, sampleRate, channelConfig, isHierarchical(objectType) ? AAC_LC : objectType,
                isHierarchical(objectType) ? Math.max(1, sampleRate / 2) : sampleRate,
                isHierarchical(objectType), objectType == PS, null);
    }

    /** The config a Track of the given bytes describes; the bytes were checked when the track was made. */
    public static AudioSpecificConfig of(Track track) {
        try {
            return parse(track.config());
        } catch (CodecFormatException e) {
            throw new IllegalArgumentException("track " + track.id() + " carries no valid AudioSpecificConfig", e);
        }
    }

    public static AudioSpecificConfig parse(byte[] asc) throws CodecFormatException {
        BitReader r = new BitReader(asc).reading("AudioSpecificConfig");
        int objectType = readObjectType(r);
        int coreRate = readSampleRate(r);
        int channelConfig = r.readBits(4);
        if (CHANNELS[channelConfig] < 0) {
            throw r.fail("a channelConfiguration other than the reserved " + channelConfig);
        }
        int rate = coreRate;
        int coreType = objectType;
        boolean hierarchical = isHierarchical(objectType);
        if (hierarchical) {
            rate = readSampleRate(r);
            // SBR and PS are defined over AAC LC; some writers leave the core type 0 or cut it off
            coreType = r.bitsLeft() >= 5 ? r.readBits(5) : 0;
            coreType = coreType == 0 ? AAC_LC : coreType == 31 ? 32 + r.readBits(6) : coreType;
            if (coreType == 22) {
                r.skipBits(4); // extensionChannelConfiguration of ER BSAC
            }
        }
        Tail tail = readTail(r, coreType, channelConfig, hierarchical);
        boolean sbr = hierarchical || tail.sbrRate > 0;
        boolean ps = objectType == PS || tail.ps;
        if (tail.sbrRate > 0) {
            rate = tail.sbrRate;
        }
        return new AudioSpecificConfig(objectType, rate, channelConfig, coreType, coreRate, sbr, ps, tail.pce);
    }

    /** The config an ADTS stream implies: ADTS profile is the object type minus one. */
    public static AudioSpecificConfig fromAdts(AdtsHeader header) throws CodecFormatException {
        int rate = sampleRateOf(header.sampleRateIndex());
        return new AudioSpecificConfig(header.profile() + 1, rate, header.channelConfig(), header.profile() + 1,
                rate, false, false, null);
    }

    /**
     * The config of an ADTS frame, completed from its first raw data block: the program config
     * element when channel_configuration is 0 (without one the layout stays open, as in a config
     * cut before it), and SBR when the audio carries it implicitly.
     */
    public static AudioSpecificConfig fromAdts(AdtsHeader header, byte[] rawBlock) throws CodecFormatException {
        AudioSpecificConfig plain = fromAdts(header);
        if (header.channelConfig() == 0) {
            ProgramConfigElement pce = AacRawBlock.programConfig(rawBlock).orElse(null);
            plain = new AudioSpecificConfig(plain.objectType, plain.sampleRate, 0, plain.coreObjectType,
                    plain.coreSampleRate, false, false, pce);
        }
        return plain.withImplicitSbr(rawBlock);
    }

    /**
     * Implicit SBR signalling (14496-3 1.6.5.2): an AAC LC config at a core rate of 24 kHz or less
     * whose audio carries SBR data decodes at twice the core rate. The result signals it explicitly
     * (object type 5), so every later reader of the config sees HE-AAC without the audio.
     */
    public AudioSpecificConfig withImplicitSbr(byte[] firstRawBlock) {
        if (objectType != AAC_LC || sbr || coreSampleRate > 24000 || !AacRawBlock.carriesSbr(firstRawBlock)) {
            return this;
        }
        return new AudioSpecificConfig(SBR, 2 * coreSampleRate, channelConfig, AAC_LC, coreSampleRate, true,
                false, pce);
    }

    /** Sample rate for a samplingFrequencyIndex of the table. */
    public static int sampleRateOf(int index) throws CodecFormatException {
        if (index < 0 || index >= SAMPLE_RATES.length) {
            throw new CodecFormatException("reserved sampling frequency index " + index);
        }
        return SAMPLE_RATES[index];
    }

    /** The table index of the core sample rate (the one ADTS carries), or -1 when it needs the 24-bit form. */
    public int sampleRateIndex() {
        return indexOf(coreSampleRate);
    }

    /**
     * Output channels, the count a player shows: channelConfiguration per Table 1.19 (7 and 12
     * and 14 are 8 channels, 11 is 7, 13 is 24), the program config element's count for 0, and 2
     * for parametric stereo over a mono core. 0 when configuration 0 comes without its element.
     */
    public int channels() {
        int base = channelConfig == 0 ? (pce == null ? 0 : pce.channels()) : CHANNELS[channelConfig];
        return ps && base == 1 ? 2 : base;
    }

    /** The encoded config, padded with zero bits to a whole byte (2 bytes for AAC LC at a table rate). */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        writeObjectType(w, objectType);
        writeSampleRate(w, isHierarchical(objectType) ? coreSampleRate : sampleRate);
        w.write(channelConfig, 4);
        if (isHierarchical(objectType)) {
            writeSampleRate(w, sampleRate);
            writeObjectType(w, coreObjectType);
        }
        w.write(0, 3); // GASpecificConfig: frameLengthFlag, dependsOnCoreCoder, extensionFlag
        if (pce != null) {
            pce.write(w);
        }
        return w.toBytes();
    }

    private static boolean isHierarchical(int objectType) {
        return objectType == SBR || objectType == PS;
    }

    private static boolean isGeneralAudio(int objectType) {
        return switch (objectType) {
            case 1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23 -> true;
            default -> false;
        };
    }

    /** What follows the fixed fields: the PCE, and backward compatible SBR / PS signalling. */
    private record Tail(ProgramConfigElement pce, int sbrRate, boolean ps) {
    }

    private static Tail readTail(BitReader r, int coreType, int channelConfig, boolean hierarchical)
            throws CodecFormatException {
        ProgramConfigElement pce = null;
        try {
            if (!isGeneralAudio(coreType)) {
                return new Tail(null, 0, false);
            }
            pce = readGaSpecificConfig(r, coreType, channelConfig);
            if (coreType >= 17 && r.readBits(2) >= 2) { // epConfig 2 and 3 carry more config: stop here
                return new Tail(pce, 0, false);
            }
            return readSyncExtension(r, pce, hierarchical);
        } catch (CodecFormatException e) {
            if (channelConfig == 0 && pce == null && r.bitsLeft() > 0) {
                throw e; // the channel layout is in what could not be read
            }
            return new Tail(pce, 0, false); // writers often cut the config after the fields that matter
        }
    }

    private static ProgramConfigElement readGaSpecificConfig(BitReader r, int coreType, int channelConfig)
            throws CodecFormatException {
        r.skipBits(1); // frameLengthFlag
        if (r.readFlag()) { // dependsOnCoreCoder
            r.skipBits(14);
        }
        boolean extension = r.readFlag();
        // a config cut right where the element would start leaves the layout to the container
        ProgramConfigElement pce = channelConfig == 0 && r.bitsLeft() > 0 ? ProgramConfigElement.read(r) : null;
        if (coreType == 6 || coreType == 20) {
            r.skipBits(3); // layerNr
        }
        if (extension) {
            if (coreType == 22) {
                r.skipBits(5 + 11);
            }
            if (coreType == 17 || coreType == 19 || coreType == 20 || coreType == 23) {
                r.skipBits(3);
            }
            r.skipBits(1); // extensionFlag3
        }
        return pce;
    }

    private static Tail readSyncExtension(BitReader r, ProgramConfigElement pce, boolean hierarchical)
            throws CodecFormatException {
        if (hierarchical || r.bitsLeft() < 16 || r.readBits(11) != SYNC_SBR) {
            return new Tail(pce, 0, false);
        }
        if (readObjectType(r) != SBR || !r.readFlag()) { // sbrPresentFlag
            return new Tail(pce, 0, false);
        }
        int sbrRate = readSampleRate(r);
        boolean ps = r.bitsLeft() >= 12 && r.readBits(11) == SYNC_PS && r.readFlag();
        return new Tail(pce, sbrRate, ps);
    }

    private static int readObjectType(BitReader r) throws CodecFormatException {
        int type = r.readBits(5);
        if (type == 31) {
            type = 32 + r.readBits(6);
        }
        if (type == 0) {
            throw r.fail("an audio object type, not 0 (null)");
        }
        return type;
    }

    private static int readSampleRate(BitReader r) throws CodecFormatException {
        int index = r.readBits(4);
        if (index == ESCAPE_INDEX) {
            int rate = r.readBits(24);
            if (rate == 0) {
                throw r.fail("a sample rate above 0");
            }
            return rate;
        }
        if (index >= SAMPLE_RATES.length) {
            throw r.fail("a sampling frequency index other than the reserved " + index);
        }
        return SAMPLE_RATES[index];
    }

    private static void writeObjectType(BitWriter w, int type) {
        if (type >= 31) {
            w.write(31, 5);
            w.write(type - 32, 6);
        } else {
            w.write(type, 5);
        }
    }

    private static void writeSampleRate(BitWriter w, int rate) {
        int index = indexOf(rate);
        if (index < 0) {
            w.write(ESCAPE_INDEX, 4);
            w.write(rate, 24);
        } else {
            w.write(index, 4);
        }
    }

    private static int indexOf(int rate) {
        for (int i = 0; i < SAMPLE_RATES.length; i++) {
            if (SAMPLE_RATES[i] == rate) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "AudioSpecificConfig[type " + objectType + (sbr ? " (SBR" + (ps ? "+PS" : "") + " over " + coreObjectType
                + " at " + coreSampleRate + " Hz)" : "") + ", " + sampleRate + " Hz, config " + channelConfig
                + ", " + channels() + " ch]";
    }
}
