package io.cascade.rtp;

import io.cascade.codec.CodecFormatException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What H.264 (RFC 6184) and H.265 (RFC 7798) depacketization share: NAL units of one timestamp
 * gathered into a frame that ends at the marker bit (or when the timestamp moves on), single NAL
 * units, aggregation packets of 16-bit sized units and fragmentation units reassembled. Parameter
 * sets are taken out of the frames and kept as the track's configuration.
 */
abstract class NalDepacketizer implements RtpDepacketizer {
    static final int MAX_NALS_PER_FRAME = 1024;

    private final List<byte[]> nals = new ArrayList<>();
    private int frameBytes;
    private long timestamp = -1;
    private boolean broken;
    private boolean keyframe;
    private boolean awaitKeyframe = true;
    private ByteArrayOutputStream fragment;
    private long dropped;
    private byte[] config;

    /** The NAL header's size in bytes: 1 for H.264, 2 for H.265. */
    abstract int headerBytes();

    abstract int nalType(byte[] payload, int offset);

    abstract boolean isAggregation(int type);

    abstract boolean isFragment(int type);

    /** The NAL header of the unit a fragmentation unit carries, and its start and end bits. */
    abstract byte[] fragmentNalHeader(byte[] payload);

    abstract boolean fragmentStart(byte[] payload);

    abstract boolean fragmentEnd(byte[] payload);

    abstract boolean isKeyframe(int type);

    /** Remembers a parameter set; true when it is one (and so stays out of the frame). */
    abstract boolean parameterSet(int type, byte[] nal);

    /** The configuration record of the parameter sets seen so far, null while incomplete. */
    abstract byte[] buildConfig() throws CodecFormatException;

    /** A unit no frame may carry (access unit delimiter, filler), dropped. */
    abstract boolean discard(int type);

    @Override
    public List<AccessUnit> push(RtpPacket packet, boolean afterLoss) {
        List<AccessUnit> out = new ArrayList<>(1);
        // a lost packet may have ended the frame before this one or begun this one: both are dropped
        if (afterLoss) {
            broken = true;
        }
        if (timestamp != -1 && packet.timestamp() != timestamp) {
            complete(out);
        }
        if (afterLoss) {
            broken = true;
            fragment = null;
        }
        timestamp = packet.timestamp();
        try {
            payload(packet.payload());
        } catch (RtpFormatException e) {
            broken = true;
            fragment = null;
        }
        if (packet.marker()) {
            complete(out);
        }
        return out;
    }

    private void payload(byte[] p) throws RtpFormatException {
        if (p.length < headerBytes()) {
            throw new RtpFormatException("RTP payload shorter than a NAL header");
        }
        int type = nalType(p, 0);
        if (isAggregation(type)) {
            int at = headerBytes();
            while (at < p.length) {
                if (p.length - at < 2) {
                    throw new RtpFormatException("aggregation packet truncated");
                }
                int size = ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
                at += 2;
                if (size < headerBytes() || size > p.length - at) {
                    throw new RtpFormatException("aggregated NAL size " + size + " out of bounds");
                }
                nal(Arrays.copyOfRange(p, at, at + size));
                at += size;
            }
        } else if (isFragment(type)) {
            fragment(p);
        } else {
            nal(p);
        }
    }

    private void fragment(byte[] p) throws RtpFormatException {
        int header = headerBytes() + 1;
        if (p.length <= header) {
            throw new RtpFormatException("fragmentation unit without payload");
        }
        if (fragmentStart(p)) {
            if (fragment != null) {
                throw new RtpFormatException("fragmentation unit started twice");
            }
            fragment = new ByteArrayOutputStream();
            fragment.writeBytes(fragmentNalHeader(p));
        } else if (fragment == null) {
            throw new RtpFormatException("fragmentation unit continues a unit that never started");
        }
        if (frameBytes + fragment.size() + p.length > MAX_FRAME_BYTES) {
            throw new RtpFormatException("frame larger than " + MAX_FRAME_BYTES + " bytes");
        }
        fragment.write(p, header, p.length - header);
        if (fragmentEnd(p)) {
            byte[] nal = fragment.toByteArray();
            fragment = null;
            nal(nal);
        }
    }

    private void nal(byte[] nal) throws RtpFormatException {
        int type = nalType(nal, 0);
        if (discard(type)) {
            return;
        }
        if (parameterSet(type, nal)) {
            try {
                byte[] c = buildConfig();
                if (c != null) {
                    config = c;
                }
            } catch (CodecFormatException e) {
                throw new RtpFormatException("parameter set unreadable: " + e.getMessage());
            }
            return;
        }
        if (nals.size() == MAX_NALS_PER_FRAME || frameBytes + 4L + nal.length > MAX_FRAME_BYTES) {
            throw new RtpFormatException("frame exceeds " + MAX_NALS_PER_FRAME + " NAL units or " + MAX_FRAME_BYTES + " bytes");
        }
        keyframe |= isKeyframe(type);
        nals.add(nal);
        frameBytes += 4 + nal.length;
    }

    private void complete(List<AccessUnit> out) {
        boolean deliver = !nals.isEmpty() && !broken && fragment == null && config != null;
        if (broken || fragment != null) {
            dropped++;
            awaitKeyframe = true;
        }
        if (deliver && awaitKeyframe && !keyframe) {
            deliver = false;
        }
        if (deliver) {
            awaitKeyframe = false;
            out.add(new AccessUnit(timestamp, lengthPrefixed(), keyframe));
        }
        nals.clear();
        frameBytes = 0;
        broken = false;
        keyframe = false;
        fragment = null;
        timestamp = -1;
    }

    private byte[] lengthPrefixed() {
        byte[] out = new byte[frameBytes];
        int at = 0;
        for (byte[] nal : nals) {
            out[at] = (byte) (nal.length >>> 24);
            out[at + 1] = (byte) (nal.length >>> 16);
            out[at + 2] = (byte) (nal.length >>> 8);
            out[at + 3] = (byte) nal.length;
            System.arraycopy(nal, 0, out, at + 4, nal.length);
            at += 4 + nal.length;
        }
        return out;
    }

    @Override
    public void resync() {
        nals.clear();
        frameBytes = 0;
        broken = false;
        keyframe = false;
        fragment = null;
        timestamp = -1;
        awaitKeyframe = true;
    }

    @Override
    public Optional<byte[]> config() {
        return Optional.ofNullable(config).map(byte[]::clone);
    }

    @Override
    public long framesDropped() {
        return dropped;
    }

    /** Takes parameter sets the SDP announced (sprop-…), as if they had come in band. */
    void initial(List<byte[]> parameterSets) throws RtpFormatException {
        for (byte[] nal : parameterSets) {
            if (nal.length >= headerBytes()) {
                nal(nal);
            }
        }
    }

    static List<byte[]> base64List(String value) throws RtpFormatException {
        List<byte[]> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(java.util.Base64.getDecoder().decode(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw new RtpFormatException("parameter set is not base64");
                }
            }
        }
        return out;
    }
}
