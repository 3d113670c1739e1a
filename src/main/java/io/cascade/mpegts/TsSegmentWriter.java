package io.cascade.mpegts;

import io.cascade.codec.CodecFormatException;
import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes self-contained MPEG-TS segments (HLS): PAT, PMT, then every frame in the given order.
 * A pure function of its input (a fresh muxer each call), so every server of a cluster produces
 * the same bytes for the same frames and number.
 *
 * <p>Segments of consecutive numbers played back to back are continuous on every PID: PAT and PMT
 * carry the segment number modulo 16 as continuity counter (one packet each per segment), and
 * every elementary stream starts at 0 and ends on 15 ({@link TsMuxer#muxLast}).
 */
public final class TsSegmentWriter {
    private TsSegmentWriter() {
    }

    /** The segment of these frames, numbered {@code number} in its stream. */
    /** @throws CodecFormatException when a frame's bytes do not fit its codec (e.g. broken NAL lengths) */
    public static byte[] write(List<Track> tracks, List<Frame> frames, long number) throws CodecFormatException {
        TsMuxer muxer = new TsMuxer(tracks);
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(frames));
        out.writeBytes(muxer.header(number));
        Map<Integer, Integer> lastOfTrack = new HashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            lastOfTrack.put(frames.get(i).trackId(), i);
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            out.writeBytes(lastOfTrack.get(frame.trackId()) == i ? muxer.muxLast(frame) : muxer.mux(frame));
        }
        return out.toByteArray();
    }

    private static int estimate(List<Frame> frames) {
        long bytes = 2L * TsPacket.SIZE;
        for (Frame frame : frames) {
            bytes += frame.size() + frame.size() / 20 + TsPacket.SIZE;
        }
        bytes += 2 * 15L * TsPacket.SIZE; // continuity padding of a video and an audio track
        return (int) Math.min(bytes, 64 << 20);
    }
}
