package io.cascade.rtp;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * AAC over RTP, RFC 3640 mode AAC-hbr (3.3.6): one access unit per packet behind a 16-bit
 * AU-headers-length and one AU header (13-bit size, 3-bit index 0). One unit per packet keeps
 * every packet's timestamp the frame's own. A unit larger than a packet is fragmented (3.2.3.2):
 * every fragment carries the AU header with the whole unit's size, the marker is on the last.
 */
public final class AacPacketizer implements RtpPacketizer {
    private static final int AU_SECTION_BYTES = 4;
    /** sizelength 13: the largest access unit an AU header can state. */
    static final int MAX_AU_BYTES = (1 << 13) - 1;

    private final int clockRate;
    private final int channels;
    private final byte[] config;
    private final int maxPayload;

    public AacPacketizer(Track track, int maxPayload) {
        if (maxPayload <= AU_SECTION_BYTES) {
            throw new IllegalArgumentException("max payload too small: " + maxPayload);
        }
        this.clockRate = track.sampleRate() > 0 ? track.sampleRate() : 90_000;
        this.channels = Math.max(1, track.channels());
        this.config = track.config();
        this.maxPayload = maxPayload;
    }

    @Override
    public int clockRate() {
        return clockRate;
    }

    @Override
    public String encoding() {
        return "MPEG4-GENERIC/" + clockRate + "/" + channels;
    }

    @Override
    public String formatParameters() {
        return "streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config="
                + HexFormat.of().formatHex(config);
    }

    @Override
    public List<RtpChunk> packetize(Frame frame) throws RtpFormatException {
        byte[] data = frame.data();
        if (data.length > MAX_AU_BYTES) {
            throw new RtpFormatException("AAC access unit of " + data.length + " bytes exceeds the AU header's 13-bit size");
        }
        if (data.length == 0) {
            return List.of();
        }
        byte[] header = {0, 16, (byte) (data.length >> 5), (byte) ((data.length & 0x1f) << 3)};
        List<RtpChunk> out = new ArrayList<>();
        int room = maxPayload - AU_SECTION_BYTES;
        for (int at = 0; at < data.length; at += room) {
            int n = Math.min(room, data.length - at);
            out.add(new RtpChunk(header, data, at, n, at + n == data.length));
        }
        return out;
    }
}
