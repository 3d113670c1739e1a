package io.cascade.rtp;

import io.cascade.codec.AudioSpecificConfig;
import io.cascade.codec.BitReader;
import io.cascade.codec.CodecFormatException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * AAC in MP4A-LATM (RFC 6416) with the StreamMuxConfig out of band ({@code cpresent=0}, its
 * {@code config} in the SDP): each packet, or run of packets up to the marker bit, is one
 * AudioMuxElement of {@code numSubFrames + 1} access units, each behind its PayloadLengthInfo.
 * One program and layer and frameLengthType 0 only: what cameras and VLC send.
 */
public final class LatmDepacketizer implements RtpDepacketizer {
    static final int MAX_ELEMENT_BYTES = 1 << 16;
    private static final int FRAME_SAMPLES = 1024;

    private final int subFrames;
    private final byte[] config;
    private ByteArrayOutputStream element;
    private long elementTimestamp;
    private long dropped;
    /** False after a loss until a marker bit: a packet then may continue an element whose start was lost. */
    private boolean synced = true;

    public LatmDepacketizer(SdpMedia sdp) throws RtpFormatException {
        if (!sdp.formatParameter("cpresent").orElse("1").trim().equals("0")) {
            throw new RtpFormatException("MP4A-LATM with the StreamMuxConfig in band (cpresent=1) is not supported");
        }
        String hex = sdp.formatParameter("config").orElseThrow(() -> new RtpFormatException("MP4A-LATM without config"));
        try {
            byte[] smc = HexFormat.of().parseHex(hex.trim());
            BitReader r = new BitReader(smc).reading("StreamMuxConfig");
            if (r.readBit() != 0) {
                throw new RtpFormatException("LATM audioMuxVersion 1 is not supported");
            }
            if (r.readBit() != 1) {
                throw new RtpFormatException("LATM without allStreamsSameTimeFraming is not supported");
            }
            subFrames = r.readBits(6) + 1;
            if (r.readBits(4) != 0 || r.readBits(3) != 0) {
                throw new RtpFormatException("LATM with several programs or layers is not supported");
            }
            config = AudioSpecificConfig.parse(shifted(smc, 15)).toBytes();
        } catch (IllegalArgumentException e) {
            throw new RtpFormatException("MP4A-LATM config is not hex");
        } catch (CodecFormatException e) {
            throw new RtpFormatException("MP4A-LATM config: " + e.getMessage());
        }
    }

    /** The bytes of {@code data} from bit {@code bit} on, realigned to a byte boundary. */
    private static byte[] shifted(byte[] data, int bit) {
        int bytes = data.length - bit / 8;
        byte[] out = new byte[bytes];
        int s = bit % 8;
        for (int i = 0; i < bytes; i++) {
            int hi = (data[bit / 8 + i] & 0xff) << s;
            int lo = bit / 8 + i + 1 < data.length ? (data[bit / 8 + i + 1] & 0xff) >> (8 - s) : 0;
            out[i] = (byte) (hi | lo);
        }
        return out;
    }

    @Override
    public List<AccessUnit> push(RtpPacket packet, boolean afterLoss) {
        if ((afterLoss || (element != null && packet.timestamp() != elementTimestamp)) && element != null) {
            element = null;
            dropped++;
        }
        if (afterLoss) {
            synced = false;
        }
        if (!synced) {
            synced = packet.marker();
            return List.of();
        }
        if (element == null) {
            element = new ByteArrayOutputStream();
            elementTimestamp = packet.timestamp();
        }
        if (element.size() + packet.payload().length > MAX_ELEMENT_BYTES) {
            element = null;
            dropped++;
            return List.of();
        }
        element.writeBytes(packet.payload());
        if (!packet.marker()) {
            return List.of();
        }
        byte[] bytes = element.toByteArray();
        element = null;
        try {
            return units(bytes);
        } catch (RtpFormatException e) {
            dropped++;
            return List.of();
        }
    }

    private List<AccessUnit> units(byte[] bytes) throws RtpFormatException {
        List<AccessUnit> out = new ArrayList<>(subFrames);
        int at = 0;
        for (int i = 0; i < subFrames; i++) {
            int length = 0;
            int b;
            do {
                if (at >= bytes.length) {
                    throw new RtpFormatException("LATM PayloadLengthInfo truncated");
                }
                b = bytes[at++] & 0xff;
                length += b;
            } while (b == 255);
            if (length > bytes.length - at) {
                throw new RtpFormatException("LATM payload of " + length + " bytes exceeds the element");
            }
            out.add(new AccessUnit((elementTimestamp + (long) i * FRAME_SAMPLES) & 0xffffffffL,
                    java.util.Arrays.copyOfRange(bytes, at, at + length), true));
            at += length;
        }
        return out;
    }

    @Override
    public void resync() {
        element = null;
        synced = true;
    }

    @Override
    public Optional<byte[]> config() {
        return Optional.of(config.clone());
    }

    @Override
    public long framesDropped() {
        return dropped;
    }
}
