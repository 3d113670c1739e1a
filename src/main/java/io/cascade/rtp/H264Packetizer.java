package io.cascade.rtp;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.Nal;
import io.cascade.media.Frame;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * H.264 over RTP, RFC 6184 packetization mode 1 (non-interleaved): a NAL unit that fits is sent
 * alone (5.6), a larger one as FU-A fragments (5.8). Every IDR frame is preceded by the SPS and
 * PPS of the track in one STAP-A (5.7.1), so a viewer that joins, or a decoder that lost the SDP's
 * parameter sets, decodes from any keyframe. Access unit delimiters and filler data are not sent.
 */
public final class H264Packetizer implements RtpPacketizer {
    static final int STAP_A = 24;
    static final int FU_A = 28;

    private final AvcConfig config;
    private final int maxPayload;
    private final byte[] parameterSets;

    public H264Packetizer(AvcConfig config, int maxPayload) {
        if (maxPayload < 16) {
            throw new IllegalArgumentException("max payload too small: " + maxPayload);
        }
        this.config = config;
        this.maxPayload = maxPayload;
        List<byte[]> sets = Stream.concat(config.sps().stream(), config.pps().stream()).toList();
        this.parameterSets = NalUnits.aggregateSize(1, sets) <= maxPayload ? NalUnits.aggregate(stapHeader(sets), sets) : null;
    }

    private static byte[] stapHeader(List<byte[]> nals) {
        int f = 0;
        int nri = 0;
        for (byte[] nal : nals) {
            f |= nal[0] & 0x80;
            nri = Math.max(nri, nal[0] & 0x60);
        }
        return new byte[]{(byte) (f | nri | STAP_A)};
    }

    @Override
    public int clockRate() {
        return 90_000;
    }

    @Override
    public String encoding() {
        return "H264/90000";
    }

    @Override
    public String formatParameters() {
        byte[] sps = config.sps().getFirst();
        String profileLevel = HexFormat.of().withUpperCase().formatHex(sps, 1, 4);
        String sets = Stream.concat(config.sps().stream(), config.pps().stream()).map(RtpPacketizer::base64)
                .collect(Collectors.joining(","));
        return "packetization-mode=1;profile-level-id=" + profileLevel + ";sprop-parameter-sets=" + sets;
    }

    @Override
    public List<RtpChunk> packetize(Frame frame) throws RtpFormatException {
        byte[] data = frame.data();
        List<NalUnits.Unit> units = NalUnits.of(data);
        List<RtpChunk> out = new ArrayList<>();
        if (frame.keyframe() && units.stream().noneMatch(u -> type(data, u) == Nal.H264_SPS)) {
            addParameterSets(out);
        }
        for (NalUnits.Unit u : units) {
            int type = type(data, u);
            if (type == Nal.H264_AUD || type == Nal.H264_FILLER) {
                continue;
            }
            if (u.length() <= maxPayload) {
                out.add(new RtpChunk(new byte[0], data, u.offset(), u.length(), false));
            } else {
                byte nalHeader = data[u.offset()];
                NalUnits.fragment(data, u, 1, maxPayload, new NalUnits.FragmentHeader() {
                    @Override
                    public int size() {
                        return 2;
                    }

                    @Override
                    public byte[] bytes(boolean start, boolean end) {
                        return new byte[]{(byte) ((nalHeader & 0xe0) | FU_A),
                                (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nalHeader & 0x1f))};
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
        // parameter sets too large to aggregate go one by one; one larger than a packet only in the SDP
        for (byte[] nal : Stream.concat(config.sps().stream(), config.pps().stream()).toList()) {
            if (nal.length <= maxPayload) {
                out.add(RtpChunk.whole(new byte[0], nal, false));
            }
        }
    }

    private static int type(byte[] data, NalUnits.Unit u) {
        return data[u.offset()] & 0x1f;
    }
}
