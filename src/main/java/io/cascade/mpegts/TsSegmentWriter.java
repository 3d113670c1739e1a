package io.cascade.mpegts;

import io.cascade.codec.CodecFormatException;
import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Makes self-contained MPEG-TS segments (HLS): PAT, PMT, then every frame in the given order.
 * A pure function of its input (a fresh muxer each call, continuity counters from 0), so every
 * server of a cluster produces the same bytes for the same frames.
 */
public final class TsSegmentWriter {
    private TsSegmentWriter() {
    }

    /** @throws CodecFormatException when a frame's bytes do not fit its codec (e.g. broken NAL lengths) */
    public static byte[] write(List<Track> tracks, List<Frame> frames) throws CodecFormatException {
        TsMuxer muxer = new TsMuxer(tracks);
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(frames));
        out.writeBytes(muxer.header());
        for (Frame frame : frames) {
            out.writeBytes(muxer.mux(frame));
        }
        return out.toByteArray();
    }

    private static int estimate(List<Frame> frames) {
        long bytes = 2L * TsPacket.SIZE;
        for (Frame frame : frames) {
            bytes += frame.size() + frame.size() / 20 + TsPacket.SIZE;
        }
        return (int) Math.min(bytes, 64 << 20);
    }
}
