package io.cascade.rtmp;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.CodecFormatException;
import io.cascade.codec.HevcConfig;
import io.cascade.codec.TrackInfo;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a publisher's FLV audio/video tag bodies and metadata into {@link Track}s and
 * {@link Frame}s. The video sequence header is the avcC/hvcC body and the AAC one the
 * AudioSpecificConfig, so they become {@link Track#config()} as they are. Video is track
 * {@value #VIDEO_TRACK}, audio {@value #AUDIO_TRACK}, whichever comes first, so ids stay stable
 * across reconnects. Tracks are announced before the first frame after any change.
 *
 * <p>Frame times are the publisher's clock, unwrapped into 90 kHz ticks; moving them onto the
 * UTC timeline is the stream's job.
 */
public final class FlvDemuxer {
    public static final int VIDEO_TRACK = 1;
    public static final int AUDIO_TRACK = 2;
    private static final Logger log = LoggerFactory.getLogger(FlvDemuxer.class);

    private final PublishSession sink;
    private final RtmpClock clock = new RtmpClock();
    private Map<String, Object> metaData = Map.of();
    private Track video;
    private Track audio;
    private boolean tracksChanged;
    private boolean warnedUnsupported;

    public FlvDemuxer(PublishSession sink) {
        this.sink = sink;
    }

    /** The current tracks, video first. */
    public List<Track> tracks() {
        List<Track> tracks = new ArrayList<>(2);
        if (video != null) {
            tracks.add(video);
        }
        if (audio != null) {
            tracks.add(audio);
        }
        return tracks;
    }

    public void onMetaData(Map<String, Object> properties) {
        metaData = Map.copyOf(withoutNulls(properties));
    }

    public void onVideo(long timestamp, ByteBuf tag) throws RtmpProtocolException {
        long dts = clock.unwrapTicks(timestamp);
        if (tag.readableBytes() < 1) {
            return; // empty tags are sent by some encoders as keep-alives
        }
        int b0 = tag.readUnsignedByte();
        if ((b0 & FlvTagFormat.EX_HEADER) != 0) {
            onEnhancedVideo(dts, (b0 >> 4) & 7, b0 & 0x0F, tag);
            return;
        }
        int frameType = b0 >> 4;
        int codecId = b0 & 0x0F;
        Codec codec = codecId == FlvTagFormat.CODEC_AVC ? Codec.H264 : codecId == FlvTagFormat.CODEC_HEVC_LEGACY ? Codec.H265 : null;
        if (codec == null) {
            warnUnsupported("video codec id " + codecId);
            return;
        }
        if (frameType == FlvTagFormat.FRAME_COMMAND) {
            return;
        }
        need(tag, 4, "AVC video tag");
        int packetType = tag.readUnsignedByte();
        int compositionMillis = tag.readMedium(); // signed 24 bits
        if (packetType == FlvTagFormat.AVC_SEQUENCE_HEADER) {
            setVideoConfig(codec, tag);
        } else if (packetType == FlvTagFormat.AVC_NALU) {
            videoFrame(dts, compositionMillis, frameType == FlvTagFormat.FRAME_KEY, tag);
        }
    }

    private void onEnhancedVideo(long dts, int frameType, int packetType, ByteBuf tag) throws RtmpProtocolException {
        need(tag, 4, "Enhanced RTMP video tag");
        int fourCc = tag.readInt();
        Codec codec = fourCc == FlvTagFormat.FOURCC_HVC1 ? Codec.H265 : fourCc == FlvTagFormat.FOURCC_AVC1 ? Codec.H264 : null;
        if (codec == null) {
            warnUnsupported("video FourCC 0x" + Integer.toHexString(fourCc));
            return;
        }
        if (frameType == FlvTagFormat.FRAME_COMMAND) {
            return;
        }
        switch (packetType) {
            case FlvTagFormat.PACKET_SEQUENCE_START -> setVideoConfig(codec, tag);
            case FlvTagFormat.PACKET_CODED_FRAMES -> {
                need(tag, 3, "Enhanced RTMP composition time");
                int compositionMillis = tag.readMedium();
                videoFrame(dts, compositionMillis, frameType == FlvTagFormat.FRAME_KEY, tag);
            }
            case FlvTagFormat.PACKET_CODED_FRAMES_X -> videoFrame(dts, 0, frameType == FlvTagFormat.FRAME_KEY, tag);
            default -> {
                // sequence end, metadata and MPEG-2 TS configs carry nothing we keep
            }
        }
    }

    public void onAudio(long timestamp, ByteBuf tag) throws RtmpProtocolException {
        long dts = clock.unwrapTicks(timestamp);
        if (tag.readableBytes() < 1) {
            return;
        }
        int soundHeader = tag.readUnsignedByte();
        int soundFormat = soundHeader >> 4;
        if (soundFormat != FlvTagFormat.SOUND_AAC) {
            warnUnsupported("audio format " + soundFormat);
            return;
        }
        need(tag, 1, "AAC audio tag");
        int packetType = tag.readUnsignedByte();
        if (packetType == FlvTagFormat.AAC_SEQUENCE_HEADER) {
            setAudioConfig(ByteBufUtil.getBytes(tag), (soundHeader & FlvTagFormat.SOUND_STEREO) != 0 ? 2 : 1);
        } else if (packetType == FlvTagFormat.AAC_RAW && audio != null && tag.isReadable()) {
            emit(new Frame(AUDIO_TRACK, dts, dts, 0, true, ByteBufUtil.getBytes(tag)));
        }
    }

    private void setVideoConfig(Codec codec, ByteBuf tag) throws RtmpProtocolException {
        byte[] config = ByteBufUtil.getBytes(tag);
        try {
            // Checked where it enters: every form made from the track (playlists' CODECS, TS,
            // DASH) relies on a readable configuration record.
            if (codec == Codec.H264) {
                AvcConfig.parse(config);
            } else {
                HevcConfig.parse(config);
            }
        } catch (CodecFormatException e) {
            throw new RtmpProtocolException(codec + " sequence header: " + e.getMessage(), e);
        }
        Track next = Track.video(VIDEO_TRACK, codec, config, intMeta("width"), intMeta("height"), doubleMeta("framerate"));
        if (!next.equals(video)) {
            video = next;
            tracksChanged = true;
        }
    }

    private void setAudioConfig(byte[] config, int flvChannels) throws RtmpProtocolException {
        Track next;
        try {
            next = TrackInfo.audioTrack(AUDIO_TRACK, config, flvChannels);
        } catch (CodecFormatException e) {
            throw new RtmpProtocolException("AAC sequence header: " + e.getMessage(), e);
        }
        if (!next.equals(audio)) {
            audio = next;
            tracksChanged = true;
        }
    }

    private void videoFrame(long dts, int compositionMillis, boolean keyframe, ByteBuf tag) {
        if (video == null || !tag.isReadable()) {
            return; // nothing decodes before the sequence header
        }
        long pts = dts + compositionMillis * 90L;
        emit(new Frame(VIDEO_TRACK, dts, pts, 0, keyframe, ByteBufUtil.getBytes(tag)));
    }

    private void emit(Frame frame) {
        if (tracksChanged) {
            tracksChanged = false;
            sink.onTracks(tracks());
        }
        sink.onFrame(frame);
    }

    private int intMeta(String key) {
        return metaData.get(key) instanceof Double d && d > 0 && d < 65536 ? d.intValue() : 0;
    }

    private double doubleMeta(String key) {
        return metaData.get(key) instanceof Double d && d > 0 && d < 1000 ? d : 0;
    }

    private void warnUnsupported(String what) {
        if (!warnedUnsupported) {
            warnedUnsupported = true;
            log.warn("RTMP publisher sends unsupported {}; ignoring it", what);
        }
    }

    private static void need(ByteBuf tag, int bytes, String what) throws RtmpProtocolException {
        if (tag.readableBytes() < bytes) {
            throw new RtmpProtocolException(what + " truncated at offset " + tag.readerIndex() + ": expected "
                    + bytes + " more bytes, " + tag.readableBytes() + " left");
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> copy = new java.util.HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
