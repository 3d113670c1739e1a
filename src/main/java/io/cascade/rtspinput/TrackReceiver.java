package io.cascade.rtspinput;

import io.cascade.codec.AudioSpecificConfig;
import io.cascade.codec.CodecFormatException;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.rtp.AacDepacketizer;
import io.cascade.rtp.AccessUnit;
import io.cascade.rtp.DecodeTimes;
import io.cascade.rtp.H264Depacketizer;
import io.cascade.rtp.H265Depacketizer;
import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtcpReceiverReport;
import io.cascade.rtp.RtcpSenderReport;
import io.cascade.rtp.ReorderWindow;
import io.cascade.rtp.RtpClock;
import io.cascade.rtp.RtpDepacketizer;
import io.cascade.rtp.RtpFormatException;
import io.cascade.rtp.RtpPacket;
import io.cascade.rtp.SdpMedia;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One track of a pull: its packets put in order, depacketized, timed on the {@link InputClock},
 * and what its receiver reports say. Used on the connection's event loop only.
 */
final class TrackReceiver {
    /** Packets held to put reordered UDP packets back in order before one is counted lost. */
    static final int REORDER_PACKETS = 32;
    /** B-frame depth allowed for: decode times trail presentation by this many frames. */
    static final int VIDEO_REORDER_FRAMES = 3;
    /** Packets in a row from another SSRC before it is taken as the sender's restart, not a stray. */
    static final int NEW_SOURCE_PACKETS = 4;

    private final int trackId;
    private final Codec codec;
    private final SdpMedia media;
    private final RtpDepacketizer depacketizer;
    private ReorderWindow window = new ReorderWindow(REORDER_PACKETS);
    private RtpClock clock;
    private DecodeTimes decodeTimes;
    private long ssrc = -1;
    private long candidate = -1;
    private final List<RtpPacket> candidatePackets = new ArrayList<>(NEW_SOURCE_PACKETS);
    private long offset = Long.MIN_VALUE;
    private RtcpSenderReport lastSr;
    private long lastSrNanos;
    private long priorExpected;
    private long priorReceived;
    private long firstSequence = -1;
    private long lastPts = Long.MIN_VALUE;
    private long lastStep;

    private TrackReceiver(int trackId, Codec codec, SdpMedia media, RtpDepacketizer depacketizer) {
        this.trackId = trackId;
        this.codec = codec;
        this.media = media;
        this.depacketizer = depacketizer;
        this.clock = new RtpClock(media.clockRate());
        this.decodeTimes = codec == Codec.AAC ? null : new DecodeTimes(VIDEO_REORDER_FRAMES);
    }

    /** The receiver for a media section, empty when its format is not one Cascade takes. */
    static Optional<TrackReceiver> of(int trackId, SdpMedia m) throws RtpFormatException {
        switch (m.encoding()) {
            case "H264" -> {
                if (!m.formatParameter("packetization-mode").orElse("0").trim().matches("[01]")) {
                    throw new RtpFormatException("H.264 interleaved packetization is not supported");
                }
                return Optional.of(new TrackReceiver(trackId, Codec.H264, m,
                        new H264Depacketizer(m.formatParameter("sprop-parameter-sets").orElse(""))));
            }
            case "H265" -> {
                if (!m.formatParameter("sprop-max-don-diff").orElse("0").trim().equals("0")) {
                    throw new RtpFormatException("H.265 with decoding order numbers is not supported");
                }
                return Optional.of(new TrackReceiver(trackId, Codec.H265, m, new H265Depacketizer(
                        m.formatParameter("sprop-vps").orElse(""), m.formatParameter("sprop-sps").orElse(""),
                        m.formatParameter("sprop-pps").orElse(""))));
            }
            case "MPEG4-GENERIC" -> {
                if (!m.formatParameter("mode").orElse("").toLowerCase(java.util.Locale.ROOT).startsWith("aac-")) {
                    throw new RtpFormatException("MPEG4-GENERIC other than AAC-hbr/lbr is not supported");
                }
                return Optional.of(new TrackReceiver(trackId, Codec.AAC, m, new AacDepacketizer(m)));
            }
            case "MP4A-LATM" -> {
                return Optional.of(new TrackReceiver(trackId, Codec.AAC, m, new io.cascade.rtp.LatmDepacketizer(m)));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    int trackId() {
        return trackId;
    }

    SdpMedia media() {
        return media;
    }

    boolean isVideo() {
        return codec != Codec.AAC;
    }

    /** The track as far as known: empty until its codec configuration is. */
    Optional<Track> track() throws CodecFormatException {
        Optional<byte[]> config = depacketizer.config();
        if (config.isEmpty()) {
            return Optional.empty();
        }
        if (codec == Codec.AAC) {
            AudioSpecificConfig asc = AudioSpecificConfig.parse(config.get());
            return Optional.of(Track.audio(trackId, codec, config.get(), asc.sampleRate(), asc.channels()));
        }
        return Optional.of(Track.video(trackId, codec, config.get(), 0, 0, 0));
    }

    /** The frames one RTP packet completes, on the input clock. */
    List<Frame> onRtp(RtpPacket packet, InputClock inputClock) {
        List<Frame> out = new ArrayList<>(1);
        if (packet.payloadType() != media.payloadType()) {
            return out;
        }
        if (ssrc == -1) {
            ssrc = packet.ssrc();
        } else if (packet.ssrc() != ssrc) {
            if (packet.ssrc() != candidate) {
                candidatePackets.clear();
                candidate = packet.ssrc();
            }
            candidatePackets.add(packet);
            if (candidatePackets.size() < NEW_SOURCE_PACKETS) {
                return out;
            }
            restart(packet.ssrc(), out);
            List<RtpPacket> held = List.copyOf(candidatePackets);
            candidatePackets.clear();
            candidate = -1;
            held.forEach(p -> order(p, inputClock, out));
            return out;
        } else if (!candidatePackets.isEmpty()) {
            candidatePackets.clear();
            candidate = -1;
        }
        order(packet, inputClock, out);
        return out;
    }

    private void order(RtpPacket packet, InputClock inputClock, List<Frame> out) {
        for (ReorderWindow.Released r : window.push(packet)) {
            if (firstSequence == -1) {
                firstSequence = r.packet().sequence();
            }
            for (AccessUnit au : depacketizer.push(r.packet(), r.afterLoss())) {
                Frame f = frame(au, inputClock);
                if (decodeTimes == null) {
                    out.add(f);
                } else {
                    out.addAll(decodeTimes.push(f));
                }
            }
        }
    }

    /**
     * A new SSRC on the track's channel: the sender restarted (VLC does at each loop of a file).
     * Its sequence numbers and timestamps start anew, so the track is followed from its next
     * keyframe, placed again at arrival time, which keeps the input clock continuous.
     */
    private void restart(long newSsrc, List<Frame> out) {
        ssrc = newSsrc;
        window = new ReorderWindow(REORDER_PACKETS);
        clock = new RtpClock(media.clockRate());
        offset = Long.MIN_VALUE;
        lastSr = null;
        firstSequence = -1;
        priorExpected = 0;
        priorReceived = 0;
        depacketizer.resync();
        if (decodeTimes != null) {
            out.addAll(decodeTimes.drain());
            decodeTimes = new DecodeTimes(VIDEO_REORDER_FRAMES);
        }
    }

    private Frame frame(AccessUnit au, InputClock inputClock) {
        long ext = clock.extend(au.timestamp());
        long ticks = clock.toTicks(ext);
        if (offset == Long.MIN_VALUE) {
            long at;
            if (lastSr != null) {
                int sinceSr = (int) (au.timestamp() - lastSr.rtpTimestamp());
                long ntpMicros = io.cascade.rtp.NtpTime.toUnixMicros(lastSr.ntpTime())
                        + (long) sinceSr * 1_000_000L / clock.clockRate();
                at = inputClock.fromWallclock(ntpMicros);
            } else {
                at = inputClock.arrivalTicks();
            }
            if (lastPts != Long.MIN_VALUE) {
                at = Math.max(at, lastPts + lastStep); // a restarted source goes on after what came before
            }
            offset = at - ticks;
        }
        long pts = ticks + offset;
        if (lastPts != Long.MIN_VALUE && pts > lastPts && pts - lastPts < io.cascade.media.Timebase.HZ) {
            lastStep = pts - lastPts;
        }
        lastPts = Math.max(pts, lastPts);
        return new Frame(trackId, pts, pts, 0, au.keyframe(), au.data());
    }

    void onRtcp(List<RtcpPacket> packets) {
        for (RtcpPacket p : packets) {
            if (p.type() == RtcpPacket.SR && (ssrc == -1 || p.ssrc() == ssrc)) {
                try {
                    lastSr = RtcpSenderReport.of(p);
                    lastSrNanos = System.nanoTime();
                } catch (RtpFormatException e) {
                    // a short SR is ignored, as RFC 3550 lets receivers do with what they cannot use
                }
            }
        }
    }

    /** This receiver's report on its source, empty before a packet came. */
    Optional<RtcpReceiverReport> report(long ownSsrc) {
        if (ssrc == -1 || firstSequence == -1) {
            return Optional.empty();
        }
        long expected = window.highestSequence() - firstSequence + 1;
        long received = window.received();
        long expectedInterval = expected - priorExpected;
        long lostInterval = expectedInterval - (received - priorReceived);
        priorExpected = expected;
        priorReceived = received;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lsr = lastSr == null ? 0 : (lastSr.ntpTime() >>> 16) & 0xffffffffL;
        long dlsr = lastSr == null ? 0 : (System.nanoTime() - lastSrNanos) * 65536 / 1_000_000_000L;
        return Optional.of(new RtcpReceiverReport(ownSsrc, ssrc, fraction, Math.max(0, expected - received),
                window.highestSequence(), 0, lsr, dlsr));
    }

    /** Frames held for their decode times, for the end of the input. */
    List<Frame> drain() {
        return decodeTimes == null ? List.of() : decodeTimes.drain();
    }

    long framesDropped() {
        return depacketizer.framesDropped();
    }

    long packetsLost() {
        return window.lost();
    }
}
