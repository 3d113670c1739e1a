package io.cascade.mpegts;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.CodecFormatException;
import io.cascade.codec.HevcConfig;
import io.cascade.codec.Nal;
import io.cascade.codec.TrackInfo;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An H.264 / H.265 stream: one access unit per PES. Parameter sets move from the pictures into
 * the track config, and each frame is held back until the next one gives its duration.
 */
final class VideoStream implements ElementaryStream {
    private final int trackId;
    private final Codec codec;
    private final Output output;
    private List<byte[]> vps = List.of();
    private List<byte[]> sps = List.of();
    private List<byte[]> pps = List.of();
    private Track track;
    private boolean started;
    private Frame held;
    private long lastDuration;

    VideoStream(int trackId, Codec codec, Output output) {
        this.trackId = trackId;
        this.codec = codec;
        this.output = output;
    }

    @Override
    public Track track() {
        return track;
    }

    @Override
    public void pes(long pts, long dts, byte[] payload) throws CodecFormatException {
        AccessUnit au = split(Nal.splitAnnexB(payload));
        long decodeTime = dts >= 0 ? dts : pts;
        if (decodeTime < 0 && held != null) {
            decodeTime = held.dts() + estimatedDuration(); // a PES without timestamps continues the cadence
        }
        if (decodeTime >= 0 && held != null && decodeTime > held.dts()) {
            emitHeld(decodeTime - held.dts());
        }
        updateConfig(au);
        if (track == null || au.picture.isEmpty() || decodeTime < 0 || !(started || au.keyframe)) {
            return; // no config yet, or still waiting for the first keyframe
        }
        started = true;
        if (held != null) {
            emitHeld(estimatedDuration()); // timestamps did not advance: keep going on the cadence
        }
        long presentationTime = pts >= 0 ? pts : decodeTime;
        held = new Frame(trackId, decodeTime, presentationTime, 0, au.keyframe, Nal.toLengthPrefixed(au.picture));
    }

    /** Later pictures may refer to the lost one: wait for the next keyframe, as at the start. */
    @Override
    public void lost() {
        started = false;
    }

    @Override
    public void flush() {
        if (held != null) {
            emitHeld(estimatedDuration());
        }
    }

    private void emitHeld(long duration) {
        lastDuration = duration;
        output.frame(held.withDuration(duration));
        held = null;
    }

    private long estimatedDuration() {
        if (lastDuration > 0) {
            return lastDuration;
        }
        return track != null && track.frameRate() > 0 ? Math.round(90_000 / track.frameRate()) : 0;
    }

    private record AccessUnit(List<byte[]> picture, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps,
                              boolean keyframe) {
    }

    private AccessUnit split(List<byte[]> nals) throws CodecFormatException {
        List<byte[]> picture = new ArrayList<>();
        List<byte[]> newVps = new ArrayList<>();
        List<byte[]> newSps = new ArrayList<>();
        List<byte[]> newPps = new ArrayList<>();
        boolean keyframe = false;
        for (byte[] nal : nals) {
            if (codec == Codec.H264) {
                int type = Nal.h264Type(nal);
                switch (type) {
                    case Nal.H264_SPS -> newSps.add(nal);
                    case Nal.H264_PPS -> newPps.add(nal);
                    case Nal.H264_AUD, Nal.H264_FILLER -> { }
                    default -> {
                        keyframe |= type == Nal.H264_IDR;
                        picture.add(nal);
                    }
                }
            } else {
                if (nal.length < 2) {
                    continue;
                }
                int type = Nal.h265Type(nal);
                switch (type) {
                    case Nal.H265_VPS -> newVps.add(nal);
                    case Nal.H265_SPS -> newSps.add(nal);
                    case Nal.H265_PPS -> newPps.add(nal);
                    case Nal.H265_AUD, Nal.H265_FILLER -> { }
                    default -> {
                        keyframe |= Nal.isH265Irap(type);
                        picture.add(nal);
                    }
                }
            }
        }
        return new AccessUnit(picture, newVps, newSps, newPps, keyframe);
    }

    /** Adopts parameter sets carried in this access unit; a changed set makes a new track. */
    private void updateConfig(AccessUnit au) throws CodecFormatException {
        List<byte[]> nextVps = au.vps.isEmpty() ? vps : au.vps;
        List<byte[]> nextSps = au.sps.isEmpty() ? sps : au.sps;
        List<byte[]> nextPps = au.pps.isEmpty() ? pps : au.pps;
        if (same(nextVps, vps) && same(nextSps, sps) && same(nextPps, pps)) {
            return;
        }
        boolean complete = !nextSps.isEmpty() && !nextPps.isEmpty() && (codec == Codec.H264 || !nextVps.isEmpty());
        if (!complete) {
            vps = nextVps;
            sps = nextSps;
            pps = nextPps;
            return;
        }
        byte[] config = codec == Codec.H264
                ? AvcConfig.build(nextSps, nextPps)
                : HevcConfig.build(nextVps, nextSps, nextPps);
        Track next = TrackInfo.videoTrack(trackId, codec, config); // throws on a corrupt SPS: keep the old sets
        vps = nextVps;
        sps = nextSps;
        pps = nextPps;
        if (!next.equals(track)) {
            track = next;
            output.trackChanged();
        }
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
