package io.cascade.rtp;

import io.cascade.codec.BitReader;
import io.cascade.codec.CodecFormatException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * AAC over RTP, RFC 3640 (mpeg4-generic) with AU headers: AAC-hbr (sizelength 13, indexlength 3)
 * and AAC-lbr (6, 2). Several access units in one packet take consecutive timestamps, one frame
 * of samples apart; one unit fragmented over packets (3.2.3.2) is joined until its size is
 * reached, and dropped when a fragment is lost.
 */
public final class AacDepacketizer implements RtpDepacketizer {
    static final int MAX_AU_BYTES = 1 << 16;
    private static final int FRAME_SAMPLES = 1024;

    private final int sizeLength;
    private final int indexLength;
    private final int indexDeltaLength;
    private final long frameTicks;
    private final byte[] config;
    private ByteArrayOutputStream fragment;
    private int fragmentSize;
    private long fragmentTimestamp;
    private long dropped;

    /**
     * @param sdp the media section; its fmtp must carry {@code config} and {@code sizelength}
     * @throws RtpFormatException for a mode this reader does not take (no AU headers, auxiliary data)
     */
    public AacDepacketizer(SdpMedia sdp) throws RtpFormatException {
        this.sizeLength = intParameter(sdp, "sizelength", 0);
        this.indexLength = intParameter(sdp, "indexlength", 0);
        this.indexDeltaLength = intParameter(sdp, "indexdeltalength", 0);
        if (sizeLength < 1 || sizeLength > 16 || indexLength > 8 || indexDeltaLength > 8) {
            throw new RtpFormatException("AAC without AU headers of sizelength 1..16 is not supported");
        }
        if (intParameter(sdp, "auxiliarydatasizelength", 0) != 0 || intParameter(sdp, "ctsdeltalength", 0) != 0
                || intParameter(sdp, "dtsdeltalength", 0) != 0 || intParameter(sdp, "randomaccessindication", 0) != 0
                || intParameter(sdp, "streamstateindication", 0) != 0) {
            throw new RtpFormatException("AAC with auxiliary data or CTS/DTS/RAP/state fields is not supported");
        }
        String hex = sdp.formatParameter("config").orElseThrow(() -> new RtpFormatException("AAC without config"));
        try {
            this.config = HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            throw new RtpFormatException("AAC config is not hex");
        }
        this.frameTicks = FRAME_SAMPLES; // the RTP clock is the sample rate (RFC 3640 4.1)
    }

    private static int intParameter(SdpMedia sdp, String name, int absent) throws RtpFormatException {
        String v = sdp.formatParameter(name).orElse("").trim();
        if (v.isEmpty()) {
            return absent;
        }
        if (v.length() > 4 || !v.chars().allMatch(Character::isDigit)) {
            throw new RtpFormatException("fmtp " + name + " is no small number");
        }
        return Integer.parseInt(v);
    }

    @Override
    public List<AccessUnit> push(RtpPacket packet, boolean afterLoss) {
        boolean counted = false;
        if (afterLoss && fragment != null) {
            fragment = null;
            dropped++;
            counted = true;
        }
        try {
            return read(packet);
        } catch (CodecFormatException | RtpFormatException e) {
            fragment = null;
            if (!counted) {
                dropped++;
            }
            return List.of();
        }
    }

    private List<AccessUnit> read(RtpPacket packet) throws CodecFormatException, RtpFormatException {
        byte[] p = packet.payload();
        if (p.length < 2) {
            throw new RtpFormatException("AAC payload without AU-headers-length");
        }
        int headerBits = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
        int headerBytes = (headerBits + 7) / 8;
        if (2 + headerBytes > p.length) {
            throw new RtpFormatException("AU headers exceed the packet");
        }
        BitReader bits = new BitReader(p, 2, headerBytes);
        List<Integer> sizes = new ArrayList<>();
        int read = 0;
        while (headerBits - read >= sizeLength + (sizes.isEmpty() ? indexLength : indexDeltaLength)) {
            sizes.add(bits.readBits(sizeLength));
            bits.readBits(sizes.size() == 1 ? indexLength : indexDeltaLength);
            read += sizeLength + (sizes.size() == 1 ? indexLength : indexDeltaLength);
        }
        int at = 2 + headerBytes;
        int left = p.length - at;
        if (sizes.size() == 1 && (sizes.getFirst() > left || fragment != null)) {
            return fragmented(packet, sizes.getFirst(), at);
        }
        if (fragment != null) {
            fragment = null;
            dropped++;
        }
        List<AccessUnit> out = new ArrayList<>(sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            if (size > p.length - at) {
                throw new RtpFormatException("AU of " + size + " bytes exceeds the packet");
            }
            byte[] au = java.util.Arrays.copyOfRange(p, at, at + size);
            at += size;
            out.add(new AccessUnit((packet.timestamp() + i * frameTicks) & 0xffffffffL, au, true));
        }
        return out;
    }

    private List<AccessUnit> fragmented(RtpPacket packet, int size, int at) throws RtpFormatException {
        byte[] p = packet.payload();
        if (fragment == null) {
            if (size > MAX_AU_BYTES) {
                throw new RtpFormatException("AU of " + size + " bytes");
            }
            fragment = new ByteArrayOutputStream(size);
            fragmentSize = size;
            fragmentTimestamp = packet.timestamp();
        } else if (size != fragmentSize || packet.timestamp() != fragmentTimestamp) {
            throw new RtpFormatException("AU fragment of another unit");
        }
        if (fragment.size() + p.length - at > fragmentSize) {
            throw new RtpFormatException("AU fragments exceed the unit's size");
        }
        fragment.write(p, at, p.length - at);
        if (fragment.size() < fragmentSize) {
            if (packet.marker()) {
                throw new RtpFormatException("AU ended short of its size");
            }
            return List.of();
        }
        byte[] au = fragment.toByteArray();
        fragment = null;
        return List.of(new AccessUnit(fragmentTimestamp, au, true));
    }

    @Override
    public void resync() {
        fragment = null;
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
