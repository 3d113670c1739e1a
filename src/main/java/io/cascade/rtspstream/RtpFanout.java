package io.cascade.rtspstream;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.rtp.NtpTime;
import io.cascade.rtp.RtcpSenderReport;
import io.cascade.rtp.RtpChunk;
import io.cascade.rtp.RtpFormatException;
import io.cascade.rtp.RtpPacket;
import io.cascade.rtp.RtpPacketizer;
import io.cascade.rtsp.RtpSink;
import io.cascade.rtsp.RtspPlayback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packetizes one stream's frames into RTP once and hands the same packet bytes to every RTSP
 * viewer (see {@link RtpSink} for their shared form).
 *
 * <p>Times come from the stream's UTC timeline, nothing else: a packet's RTP timestamp is its
 * frame's PTS in the track's clock, modulo 2^32, and a sender report maps a frame's PTS to the NTP
 * time of that same UTC instant. The SSRC is derived from the stream name and track id. So the
 * same frame carries the same timestamps, SSRC and NTP time on every server that carries the
 * stream. Frames go in decode order; with B-frames the RTP timestamps (PTS) are not monotonic,
 * as RFC 6184 allows.
 *
 * <p>The packets since the last keyframe are kept (bounded) so a new viewer starts at once. A TCP
 * viewer whose connection is not writable skips whole frames up to the next keyframe, and is
 * disconnected once it has been skipping longer than its lag bound.
 */
final class RtpFanout {
    private static final Logger log = LoggerFactory.getLogger(RtpFanout.class);
    /** Media time between sender reports of a track. */
    static final long REPORT_TICKS = 5 * 90_000L;
    private static final int GOP_CACHE_BYTES = 8 << 20;
    static final int FIRST_PAYLOAD_TYPE = 96;

    private final String stream;
    private final Duration maxLag;
    private final List<Viewer> viewers = new ArrayList<>();
    private final List<Packet> gop = new ArrayList<>();
    private long gopBytes;
    private List<Track> trackList = List.of();
    private List<TrackState> tracks = List.of();
    private Map<Integer, Integer> indexOfId = Map.of();
    /** True while the frames delivered are a backlog (the growing segment so far), not live. */
    private boolean backlog;

    /** The packets of one frame, made once for everyone; {@code sequence} is the first one's. */
    private record Packet(ByteBuf bytes, int track, int sequence, long rtpTime) {
    }

    /** A track's payload format and its RTP counters. */
    private static final class TrackState {
        final Track track;
        final RtpPacketizer packetizer;
        final long ssrc;
        final int payloadType;
        int sequence;
        long packets;
        long octets;
        long lastPts = Long.MIN_VALUE;
        long lastReportPts = Long.MIN_VALUE;

        TrackState(Track track, RtpPacketizer packetizer, long ssrc, int payloadType, int sequence) {
            this.track = track;
            this.packetizer = packetizer;
            this.ssrc = ssrc;
            this.payloadType = payloadType;
            this.sequence = sequence;
        }
    }

    RtpFanout(String stream, Duration maxLag) {
        this.stream = stream;
        this.maxLag = maxLag;
    }

    /** The SSRC of a track of a stream: the same on every server, distinct per track. */
    static long ssrc(String stream, int trackId) {
        long h = 1125899906842597L;
        for (byte b : (stream + "#" + trackId).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return (h ^ (h >>> 32)) & 0xffffffffL;
    }

    /** True when a viewer described with {@code described} can go on with the tracks now (same codecs and clocks). */
    static boolean compatible(List<Track> described, List<Track> now) {
        if (described.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            Track a = described.get(i);
            Track b = now.get(i);
            if (a.codec() != b.codec() || a.id() != b.id() || a.sampleRate() != b.sampleRate()
                    || a.channels() != b.channels()) {
                return false;
            }
        }
        return true;
    }

    synchronized void onTracks(List<Track> newTracks) {
        if (newTracks.equals(trackList)) {
            return;
        }
        boolean keep = compatible(trackList, newTracks);
        List<TrackState> states = new ArrayList<>();
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < newTracks.size(); i++) {
            Track t = newTracks.get(i);
            int sequence = keep ? tracks.get(i).sequence : (int) (ssrc(stream, t.id()) & 0xffff);
            states.add(new TrackState(t, RtpPacketizer.of(t, RtpPacketizer.DEFAULT_MAX_PAYLOAD), ssrc(stream, t.id()),
                    FIRST_PAYLOAD_TYPE + i, sequence));
            index.put(t.id(), i);
        }
        if (!keep && !trackList.isEmpty()) {
            // the SDP the viewers have no longer describes the stream: they must DESCRIBE again
            closeAll("stream " + stream + " changed its tracks");
        }
        trackList = List.copyOf(newTracks);
        tracks = states;
        indexOfId = index;
        clearGop();
    }

    /** Frames delivered until {@code false} is set again are a backlog, sent at once. */
    synchronized void backlog(boolean on) {
        backlog = on;
    }

    /** Disconnects every viewer. */
    synchronized void closeAll(String why) {
        for (Viewer v : viewers) {
            v.sink.close(why);
            v.batch.forEach(ByteBuf::release);
            v.batch.clear();
        }
        viewers.clear();
    }

    synchronized void onFrames(List<Frame> frames) {
        for (Frame f : frames) {
            offer(f);
        }
        for (Viewer v : viewers) {
            v.flush();
        }
    }

    private void offer(Frame frame) {
        Integer index = indexOfId.get(frame.trackId());
        if (index == null) {
            return;
        }
        TrackState t = tracks.get(index);
        List<RtpChunk> chunks;
        try {
            chunks = t.packetizer.packetize(frame);
        } catch (RtpFormatException e) {
            log.warn("stream {}: a frame of track {} cannot be sent over RTP: {}", stream, t.track.id(), e.getMessage());
            return;
        }
        boolean syncPoint = frame.keyframe() && (t.track.isVideo() || tracks.stream().noneMatch(s -> s.track.isVideo()));
        long rtpTime = RtpPacketizer.timestamp(frame.pts(), t.packetizer.clockRate());
        if (chunks.isEmpty()) {
            return;
        }
        // all packets of the frame back to back in one buffer: one write per frame and viewer
        int size = 0;
        for (RtpChunk c : chunks) {
            size += 4 + RtpPacket.HEADER_BYTES + c.size();
        }
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(size);
        List<Packet> packets = List.of(new Packet(b, index, t.sequence, rtpTime));
        for (RtpChunk c : chunks) {
            b.writeByte('$').writeByte(2 * index).writeShort(RtpPacket.HEADER_BYTES + c.size());
            RtpPacket.write(b, t.payloadType, t.sequence, rtpTime, t.ssrc, c);
            t.sequence = (t.sequence + 1) & 0xffff;
            t.packets++;
            t.octets += c.size();
        }
        t.lastPts = frame.pts();
        ByteBuf report = null;
        if (t.lastReportPts == Long.MIN_VALUE || Math.abs(frame.pts() - t.lastReportPts) >= REPORT_TICKS) {
            t.lastReportPts = frame.pts();
            report = senderReport(index);
        }
        try {
            cache(packets, syncPoint);
            for (Viewer v : viewers) {
                v.offer(packets, syncPoint, index, report);
            }
        } finally {
            packets.forEach(p -> p.bytes.release());
            if (report != null) {
                report.release();
            }
        }
    }

    /** A sender report for the track's last frame: its PTS as NTP time and as RTP time. */
    private ByteBuf senderReport(int index) {
        TrackState t = tracks.get(index);
        RtcpSenderReport sr = new RtcpSenderReport(t.ssrc, NtpTime.fromUtcTicks(t.lastPts),
                RtpPacketizer.timestamp(t.lastPts, t.packetizer.clockRate()), t.packets, t.octets);
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(4 + 64);
        b.writeByte('$').writeByte(2 * index + 1).writeShort(0);
        sr.writeCompound(b, "cascade");
        b.setShort(2, b.readableBytes() - 4);
        return b;
    }

    private void cache(List<Packet> packets, boolean syncPoint) {
        if (syncPoint) {
            clearGop();
        } else if (gop.isEmpty()) {
            return;
        }
        for (Packet p : packets) {
            gopBytes += p.bytes.readableBytes();
            if (gopBytes > GOP_CACHE_BYTES) {
                clearGop();
                return;
            }
            gop.add(new Packet(p.bytes.retainedDuplicate(), p.track, p.sequence, p.rtpTime));
        }
    }

    private void clearGop() {
        gop.forEach(p -> p.bytes.release());
        gop.clear();
        gopBytes = 0;
    }

    /**
     * A viewer of the given track indexes, held until {@link Viewer#start()}. It starts on the
     * cached keyframe when there is one (its {@link Viewer#rtpInfo()} then says where), else on the next.
     * Null when {@code described} no longer matches the stream's tracks.
     */
    synchronized Viewer add(RtpSink sink, Set<Integer> trackIndexes, List<Track> described, Runnable onStop) {
        if (!trackList.isEmpty() && !compatible(described, trackList)) {
            return null;
        }
        Viewer v = new Viewer(sink, trackIndexes, onStop);
        viewers.add(v);
        if (!gop.isEmpty() && sink.takesBursts()) {
            v.started = true;
            v.startReports();
            for (Packet p : gop) {
                if (v.wants(p.track)) {
                    v.rtpInfo.putIfAbsent(p.track, new long[]{p.sequence, p.rtpTime});
                    v.batch.add(p.bytes.retainedDuplicate());
                }
            }
        }
        return v;
    }

    /** Removes a viewer; true when none are left. */
    synchronized boolean remove(Viewer v) {
        viewers.remove(v);
        v.batch.forEach(ByteBuf::release);
        v.batch.clear();
        return viewers.isEmpty();
    }

    synchronized int viewerCount() {
        return viewers.size();
    }

    synchronized void clear() {
        clearGop();
    }

    /** One viewer and where it is in the stream. */
    final class Viewer implements RtspPlayback {
        private final RtpSink sink;
        private final Set<Integer> tracks;
        private final Runnable onStop;
        private final Map<Integer, long[]> rtpInfo = new HashMap<>();
        private List<ByteBuf> batch = new ArrayList<>();
        private boolean held = true;
        private boolean started;
        private boolean skipping;
        private long skippingSince;
        private boolean stopped;

        private Viewer(RtpSink sink, Set<Integer> tracks, Runnable onStop) {
            this.sink = sink;
            this.tracks = Set.copyOf(tracks);
            this.onStop = onStop;
        }

        boolean wants(int track) {
            return tracks.contains(track);
        }

        /** Sender reports of every track first, so a receiver maps RTP to wallclock from its first packet. */
        private void startReports() {
            for (int i = 0; i < RtpFanout.this.tracks.size(); i++) {
                if (wants(i) && RtpFanout.this.tracks.get(i).lastPts != Long.MIN_VALUE) {
                    batch.add(senderReport(i));
                }
            }
        }

        private void offer(List<Packet> packets, boolean syncPoint, int track, ByteBuf report) {
            if (!wants(track)) {
                return;
            }
            if (!started) {
                if (!syncPoint || (backlog && !sink.takesBursts())) {
                    return;
                }
                started = true;
                startReports();
                report = null;
            } else if (!held) {
                if (!skipping && !sink.writable()) {
                    skipping = true;
                    skippingSince = System.nanoTime();
                    log.debug("RTSP viewer {} cannot keep up, skipping to the next keyframe", sink.peer());
                }
                if (skipping) {
                    if (!syncPoint || !sink.writable()) {
                        dropIfLaggingTooLong();
                        return;
                    }
                    skipping = false;
                }
            }
            if (report != null) {
                batch.add(report.retainedDuplicate());
            }
            for (Packet p : packets) {
                batch.add(p.bytes.retainedDuplicate());
            }
        }

        private void dropIfLaggingTooLong() {
            long lag = System.nanoTime() - skippingSince;
            if (lag > maxLag.toNanos()) {
                sink.close("stayed behind for " + lag / 1_000_000 + " ms");
            }
        }

        private void flush() {
            if (held || batch.isEmpty()) {
                return;
            }
            List<ByteBuf> out = batch;
            batch = new ArrayList<>(out.size());
            sink.send(out);
        }

        @Override
        public Map<Integer, long[]> rtpInfo() {
            synchronized (RtpFanout.this) {
                return Map.copyOf(rtpInfo);
            }
        }

        @Override
        public void start() {
            synchronized (RtpFanout.this) {
                held = false;
                flush();
            }
        }

        @Override
        public void stop() {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
            }
            onStop.run();
        }
    }
}
