package io.cascade.rtp;

import io.cascade.codec.HevcConfig;
import io.cascade.codec.Nal;
import io.cascade.media.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * H.265 over RTP, RFC 7798 without DONL (sprop-max-don-diff 0): single NAL unit packets (4.4.1),
 * fragmentation units (4.4.3) for larger units, and the VPS, SPS and PPS in one aggregation
 * packet (4.4.2) before every IRAP picture. Access unit delimiters and filler data are not sent.
 */
public final class H265Packetizer implements RtpPacketizer {
    static final int AP = 48;
    static final int FU = 49;

    private final HevcConfig config;
    private final int maxPayload;
    private final byte[] parameterSets;

    public H265Packetizer(HevcConfig config, int maxPayload) {
        if (maxPayload < 16) {
            throw new IllegalArgumentException("max payload too small: " + maxPayload);
        }
        this.config = config;
        this.maxPayload = maxPayload;
        List<byte[]> sets = sets();
        this.parameterSets = NalUnits.aggregateSize(2, sets) <= maxPayload && sets.stream().allMatch(n -> n.length >= 2)
                ? NalUnits.aggregate(apHeader(sets), sets) : null;
    }

    private List<byte[]> sets() {
        return Stream.of(config.vps(), config.sps(), config.pps()).flatMap(List::stream).toList();
    }

    /** F is the OR of the units' F bits, LayerId and TID the lowest of theirs (4.4.2). */
    private static byte[] apHeader(List<byte[]> nals) {
        int f = 0;
        int layer = 63;
        int tid = 7;
        for (byte[] nal : nals) {
            f |= nal[0] & 0x80;
            layer = Math.min(layer, ((nal[0] & 1) << 5) | ((nal[1] & 0xff) >> 3));
            tid = Math.min(tid, nal[1] & 7);
        }
        return new byte[]{(byte) (f | (AP << 1) | (layer >> 5)), (byte) (((layer & 0x1f) << 3) | tid)};
    }

    @Override
    public int clockRate() {
        return 90_000;
    }

    @Override
    public String encoding() {
        return "H265/90000";
    }

    @Override
    public String formatParameters() {
        return "sprop-vps=" + join(config.vps()) + ";sprop-sps=" + join(config.sps()) + ";sprop-pps=" + join(config.pps());
    }

    private static String join(List<byte[]> nals) {
        return nals.stream().map(RtpPacketizer::base64).collect(Collectors.joining(","));
    }

    @Override
    public List<RtpChunk> packetize(Frame frame) throws RtpFormatException {
        byte[] data = frame.data();
        List<NalUnits.Unit> units = NalUnits.of(data);
        List<RtpChunk> out = new ArrayList<>();
        if (frame.keyframe() && units.stream().noneMatch(u -> type(data, u) == Nal.H265_SPS)) {
            addParameterSets(out);
        }
        for (NalUnits.Unit u : units) {
            if (u.length() < 2) {
                throw new RtpFormatException("H.265 NAL unit of " + u.length() + " byte has no 2-byte header");
            }
            int type = type(data, u);
            if (type == Nal.H265_AUD || type == Nal.H265_FILLER) {
                continue;
            }
            if (u.length() <= maxPayload) {
                out.add(new RtpChunk(new byte[0], data, u.offset(), u.length(), false));
            } else {
                byte h0 = data[u.offset()];
                byte h1 = data[u.offset() + 1];
                NalUnits.fragment(data, u, 2, maxPayload, new NalUnits.FragmentHeader() {
                    @Override
                    public int size() {
                        return 3;
                    }

                    @Override
                    public byte[] bytes(boolean start, boolean end) {
                        return new byte[]{(byte) ((h0 & 0x81) | (FU << 1)), h1,
                                (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | type)};
                    }
                }, out);
            }
        }
        return NalUnits.markLast(out);
    }

    private void addParameterSets(List<RtpChunk> out) {
        if (parameterSets != null) {
            out.add(RtpChunk.whole(parameterSets, new byte[0], false));
            return;
        }
        for (byte[] nal : sets()) {
            if (nal.length <= maxPayload) {
                out.add(RtpChunk.whole(new byte[0], nal, false));
            }
        }
    }

    private static int type(byte[] data, NalUnits.Unit u) {
        return (data[u.offset()] >> 1) & 0x3f;
    }
}
