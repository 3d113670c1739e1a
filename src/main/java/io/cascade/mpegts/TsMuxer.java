package io.cascade.mpegts;

import io.cascade.codec.AdtsHeader;
import io.cascade.codec.AudioSpecificConfig;
import io.cascade.codec.AvcConfig;
import io.cascade.codec.CodecFormatException;
import io.cascade.codec.HevcConfig;
import io.cascade.codec.Nal;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes frames as MPEG-TS packets for one program (number 1, PMT on PID 0x1000). Video tracks
 * come first, PIDs counting up from 0x100 in that order (so a video + audio stream uses 0x100 and
 * 0x101). The PCR travels on the first video PID, or the first audio PID without video.
 *
 * <p>Video access units get an access unit delimiter and, on keyframes, the parameter sets of the
 * track config (unless the frame carries its own SPS), so every keyframe is decodable on its own.
 *
 * <p>Continuity across separately muxed pieces (HLS segments, later the HTTP and UDP outputs that
 * send them back to back): {@link #header(long)} takes the PSI counter from the caller, and
 * {@link #muxLast} ends a track's piece with its continuity counter back at 0, where the next
 * piece's fresh muxer starts. Not thread-safe; one muxer per output piece or stream.
 */
public final class TsMuxer {
    static final int PMT_PID = 0x1000;
    static final int FIRST_ES_PID = 0x100;
    static final int PROGRAM_NUMBER = 1;
    /**
     * A PCR is written with the first frame at least this long (40 ms) after the last one, so the
     * gaps stay within the 100 ms of ISO/IEC 13818-1 2.7.2 while any track has frames every 60 ms.
     */
    static final long PCR_INTERVAL = 3_600;
    /** PCR runs this far ahead of DTS: the time a decoder buffers a frame before decoding it. */
    static final long PCR_LEAD = 9_000;

    private static final byte[] H264_AUD = {0x09, (byte) 0xf0};
    private static final byte[] H265_AUD = {0x46, 0x01, 0x50};

    private final Map<Integer, Output> outputs = new HashMap<>();
    private final List<ProgramTables.Stream> programStreams = new ArrayList<>();
    private final PacketWriter patWriter = new PacketWriter(TsPacket.PID_PAT);
    private final PacketWriter pmtWriter = new PacketWriter(PMT_PID);
    private final int pcrPid;
    private long lastPcr = Long.MIN_VALUE;

    /** Per-track packetizing state. */
    private record Output(Track track, PacketWriter packets, int pid, int streamId, List<byte[]> parameterSets,
                          AudioSpecificConfig asc) {
    }

    public TsMuxer(List<Track> tracks) {
        List<Track> ordered = new ArrayList<>(tracks.stream().filter(Track::isVideo).toList());
        ordered.addAll(tracks.stream().filter(t -> !t.isVideo()).toList());
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("no tracks to mux");
        }
        int pid = FIRST_ES_PID;
        int videoIndex = 0;
        int audioIndex = 0;
        for (Track track : ordered) {
            StreamType type = StreamType.of(track.codec());
            int streamId = type.streamId + (track.isVideo() ? videoIndex++ : audioIndex++);
            Output output = new Output(track, new PacketWriter(pid), pid, streamId, parameterSets(track),
                    track.isVideo() ? null : AudioSpecificConfig.of(track));
            if (outputs.put(track.id(), output) != null) {
                throw new IllegalArgumentException("duplicate track id " + track.id());
            }
            programStreams.add(new ProgramTables.Stream(pid, type.value));
            pid++;
        }
        pcrPid = FIRST_ES_PID;
    }

    /**
     * PAT and PMT, one packet each, both with continuity counter {@code sequence} modulo 16. A
     * writer of segments passes the segment number: the tables open every segment, so segments
     * played in order count up by one on both PIDs.
     */
    public byte[] header(long sequence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 * TsPacket.SIZE);
        patWriter.continueAt(sequence);
        pmtWriter.continueAt(sequence);
        patWriter.write(out, withPointerField(ProgramTables.pat(PROGRAM_NUMBER, PMT_PID)), -1, false);
        pmtWriter.write(out, withPointerField(ProgramTables.pmt(PROGRAM_NUMBER, pcrPid, programStreams)), -1, false);
        return out.toByteArray();
    }

    /** The packets of one frame; its track must be one of the muxer's. */
    public byte[] mux(Frame frame) throws CodecFormatException {
        return mux(frame, false);
    }

    /**
     * The packets of the last frame of its track in this piece, spread over up to 15 more packets
     * than it needs (adaptation-field stuffing) so that the track's payload packets since the
     * muxer started number a multiple of 16: its continuity counter then continues at 0. Every
     * PES is at least 20 bytes (a 14-byte header with PTS and an access unit delimiter or ADTS
     * header), so one byte per extra packet is always there.
     */
    public byte[] muxLast(Frame frame) throws CodecFormatException {
        return mux(frame, true);
    }

    private byte[] mux(Frame frame, boolean last) throws CodecFormatException {
        Output output = outputs.get(frame.trackId());
        if (output == null) {
            throw new IllegalArgumentException("frame of unknown track " + frame.trackId());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.size() + 2 * TsPacket.SIZE);
        long pcr = -1;
        long pcrCandidate = frame.dts() - PCR_LEAD;
        boolean pcrDue = lastPcr == Long.MIN_VALUE || pcrCandidate - lastPcr >= PCR_INTERVAL;
        if (output.pid == pcrPid && (pcrDue || (frame.keyframe() && output.track.isVideo()))) {
            pcr = nextPcr(pcrCandidate);
        } else if (output.pid != pcrPid && pcrDue) {
            pcrOutput().packets.writePcrOnly(out, nextPcr(pcrCandidate));
        }
        byte[] payload = output.track.isVideo() ? annexB(output, frame) : adts(output, frame);
        byte[] pes = PesWriter.pes(output.streamId, wrap(frame.pts()), wrap(frame.dts()), payload);
        int packets = PacketWriter.packetsFor(pes.length, pcr >= 0, frame.keyframe());
        if (last) {
            packets += (16 - (output.packets.continuity() + packets) % 16) % 16;
        }
        output.packets.write(out, pes, pcr, frame.keyframe(), packets);
        return out.toByteArray();
    }

    /** The PCR to write for {@code candidate}, never going back, modulo 2^33. */
    private long nextPcr(long candidate) {
        lastPcr = lastPcr == Long.MIN_VALUE ? candidate : Math.max(candidate, lastPcr);
        return wrap(lastPcr);
    }

    private Output pcrOutput() {
        return outputs.values().stream().filter(o -> o.pid == pcrPid).findFirst().orElseThrow();
    }

    private static long wrap(long ticks) {
        return Math.floorMod(ticks, TimestampUnwrapper.PERIOD);
    }

    private static byte[] annexB(Output output, Frame frame) throws CodecFormatException {
        List<byte[]> nals = Nal.splitLengthPrefixed(frame.data());
        boolean h264 = output.track.codec() == Codec.H264;
        List<byte[]> unit = new ArrayList<>(nals.size() + 4);
        unit.add(h264 ? H264_AUD : H265_AUD);
        boolean carriesSps = nals.stream().anyMatch(n -> n.length > 1
                && (h264 ? Nal.isH264(n, Nal.H264_SPS) : Nal.isH265(n, Nal.H265_SPS)));
        if (frame.keyframe() && !carriesSps) {
            unit.addAll(output.parameterSets);
        }
        for (byte[] nal : nals) {
            boolean aud = nal.length > 1 && (h264 ? Nal.h264Type(nal) == Nal.H264_AUD : Nal.h265Type(nal) == Nal.H265_AUD);
            if (!aud && nal.length > 0) {
                unit.add(nal);
            }
        }
        return Nal.toAnnexB(unit);
    }

    private static byte[] adts(Output output, Frame frame) throws CodecFormatException {
        return AdtsHeader.frame(output.asc, frame.data());
    }

    private static List<byte[]> parameterSets(Track track) {
        return switch (track.codec()) {
            case H264 -> {
                AvcConfig config = AvcConfig.of(track);
                List<byte[]> sets = new ArrayList<>(config.sps());
                sets.addAll(config.pps());
                yield sets;
            }
            case H265 -> {
                HevcConfig config = HevcConfig.of(track);
                List<byte[]> sets = new ArrayList<>(config.vps());
                sets.addAll(config.sps());
                sets.addAll(config.pps());
                yield sets;
            }
            case AAC -> List.of();
        };
    }

    /** pointer_field 0, the section, then 0xFF up to the end of the packet, as PSI is usually stuffed. */
    private static byte[] withPointerField(byte[] section) {
        byte[] payload = new byte[Math.max(TsPacket.SIZE - 4, section.length + 1)];
        java.util.Arrays.fill(payload, (byte) 0xff);
        payload[0] = 0;
        System.arraycopy(section, 0, payload, 1, section.length);
        return payload;
    }
}
