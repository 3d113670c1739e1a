package io.cascade.codec;

import java.util.Arrays;

/**
 * An AAC program_config_element (ISO/IEC 14496-3 4.4.1.1, Table 4.2): the channel layout of a
 * stream whose channelConfiguration is 0. It appears in the GASpecificConfig of an
 * AudioSpecificConfig, or as the first element of a raw data block in ADTS.
 *
 * <p>Kept as its bits, so it can be written again at another bit position: byte_alignment()
 * inside it is relative to the start of the structure holding it.
 *
 * @param channels  output channels: front, side and back elements (a channel pair counts 2) plus LFE
 * @param head      the bits before byte_alignment(), zero padded
 * @param headBits  how many bits of {@code head} are the element's
 * @param comment   the comment field bytes
 */
public record ProgramConfigElement(int channels, byte[] head, int headBits, byte[] comment) {

    public ProgramConfigElement {
        head = head.clone();
        comment = comment.clone();
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    @Override
    public byte[] comment() {
        return comment.clone();
    }

    /**
     * The element describing a channelConfiguration that ADTS's 3 bits cannot carry (11: 6.1, 12:
     * 7.1 with back surrounds), with the element tags of Table 1.19, so a decoder maps the raw
     * block's elements as the configuration would; empty for layouts a PCE cannot express.
     */
    public static java.util.Optional<ProgramConfigElement> standard(int channelConfig, int profile, int sampleRateIndex) {
        int[][] cpeFlags = switch (channelConfig) { // front, side, back: 1 = channel pair
            case 11 -> new int[][] {{0, 1}, {1}, {0}};
            case 12 -> new int[][] {{0, 1}, {1}, {1}};
            default -> null;
        };
        if (cpeFlags == null) {
            return java.util.Optional.empty();
        }
        BitWriter w = new BitWriter().write(0, 4).write(profile, 2).write(sampleRateIndex, 4);
        w.write(cpeFlags[0].length, 4).write(cpeFlags[1].length, 4).write(cpeFlags[2].length, 4).write(1, 2);
        w.write(0, 3).write(0, 4).write(0, 3); // no assoc data, no coupling, no mixdowns
        int[] nextTag = {0, 0}; // SCE and CPE tags count separately
        int channels = 1; // the LFE
        for (int[] group : cpeFlags) {
            for (int cpe : group) {
                w.write(cpe, 1).write(nextTag[cpe]++, 4);
                channels += 1 + cpe;
            }
        }
        w.write(0, 4); // LFE tag
        return java.util.Optional.of(new ProgramConfigElement(channels, w.toBytes(), (int) w.bitsWritten(), new byte[0]));
    }

    /** Reads a PCE at the reader's position; byte_alignment() is relative to the reader's start. */
    public static ProgramConfigElement read(BitReader r) throws CodecFormatException {
        BitWriter copy = new BitWriter();
        copy(r, copy, 4 + 2 + 4); // element_instance_tag, object_type, sampling_frequency_index
        int front = copy(r, copy, 4);
        int side = copy(r, copy, 4);
        int back = copy(r, copy, 4);
        int lfe = copy(r, copy, 2);
        int assoc = copy(r, copy, 3);
        int cc = copy(r, copy, 4);
        for (int i = 0; i < 2; i++) { // mono_mixdown, stereo_mixdown: present flag + element number
            if (copy(r, copy, 1) == 1) {
                copy(r, copy, 4);
            }
        }
        if (copy(r, copy, 1) == 1) { // matrix_mixdown_idx_present
            copy(r, copy, 3);
        }
        int channels = elements(r, copy, front) + elements(r, copy, side) + elements(r, copy, back) + lfe;
        for (int i = 0; i < lfe + assoc; i++) {
            copy(r, copy, 4);
        }
        for (int i = 0; i < cc; i++) {
            copy(r, copy, 5);
        }
        long headBits = copy.bitsWritten();
        r.alignToByte();
        byte[] comment = new byte[r.readBits(8)];
        for (int i = 0; i < comment.length; i++) {
            comment[i] = (byte) r.readBits(8);
        }
        if (channels == 0) {
            throw r.fail("a program_config_element with at least one channel");
        }
        return new ProgramConfigElement(channels, copy.toBytes(), (int) headBits, comment);
    }

    /** Writes the element; byte_alignment() is relative to the first bit {@code w} wrote. */
    public void write(BitWriter w) {
        for (int i = 0; i < headBits; i++) {
            w.write((head[i >>> 3] >> (7 - (i & 7))) & 1, 1);
        }
        w.alignToByte();
        w.write(comment.length, 8);
        w.writeBytes(comment);
    }

    /** is_cpe + tag for each element; returns the channels they hold. */
    private static int elements(BitReader r, BitWriter copy, int count) throws CodecFormatException {
        int channels = 0;
        for (int i = 0; i < count; i++) {
            channels += 1 + copy(r, copy, 1);
            copy(r, copy, 4);
        }
        return channels;
    }

    private static int copy(BitReader r, BitWriter w, int bits) throws CodecFormatException {
        int v = r.readBits(bits);
        w.write(v, bits);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgramConfigElement p && channels == p.channels && headBits == p.headBits
                && Arrays.equals(head, p.head) && Arrays.equals(comment, p.comment);
    }

    @Override
    public int hashCode() {
        return (31 * channels + headBits) * 31 + Arrays.hashCode(head);
    }

    @Override
    public String toString() {
        return "ProgramConfigElement[" + channels + " channels]";
    }
}
