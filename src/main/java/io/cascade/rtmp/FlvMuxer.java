package io.cascade.rtmp;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FLV tag bodies for playback: H.264 in the classic AVC form (every player knows it), H.265
 * in the Enhanced RTMP {@code hvc1} form, AAC as format 10; plus the {@code onMetaData}
 * properties describing the tracks.
 */
public final class FlvMuxer {
    private FlvMuxer() {
    }

    public static ByteBuf videoSequenceHeader(Track track) {
        return videoTag(track.codec(), FlvTagFormat.FRAME_KEY, true, 0, track.config());
    }

    public static ByteBuf videoFrame(Track track, Frame frame) {
        int compositionMillis = (int) Math.floorDiv(frame.pts() - frame.dts(), 90L);
        int frameType = frame.keyframe() ? FlvTagFormat.FRAME_KEY : FlvTagFormat.FRAME_INTER;
        return videoTag(track.codec(), frameType, false, compositionMillis, frame.data());
    }

    private static ByteBuf videoTag(Codec codec, int frameType, boolean sequenceHeader, int compositionMillis,
                                    byte[] body) {
        ByteBuf tag = Unpooled.buffer(9 + body.length);
        if (codec == Codec.H265) {
            int packetType = sequenceHeader ? FlvTagFormat.PACKET_SEQUENCE_START : FlvTagFormat.PACKET_CODED_FRAMES;
            tag.writeByte(FlvTagFormat.EX_HEADER | frameType << 4 | packetType);
            tag.writeInt(FlvTagFormat.FOURCC_HVC1);
            if (!sequenceHeader) {
                tag.writeMedium(compositionMillis);
            }
        } else {
            tag.writeByte(frameType << 4 | FlvTagFormat.CODEC_AVC);
            tag.writeByte(sequenceHeader ? FlvTagFormat.AVC_SEQUENCE_HEADER : FlvTagFormat.AVC_NALU);
            tag.writeMedium(compositionMillis);
        }
        return tag.writeBytes(body);
    }

    public static ByteBuf audioSequenceHeader(Track track) {
        return audioTag(FlvTagFormat.AAC_SEQUENCE_HEADER, track.config());
    }

    public static ByteBuf audioFrame(Frame frame) {
        return audioTag(FlvTagFormat.AAC_RAW, frame.data());
    }

    private static ByteBuf audioTag(int packetType, byte[] body) {
        return Unpooled.buffer(2 + body.length)
                .writeByte(FlvTagFormat.AAC_TAG_HEADER)
                .writeByte(packetType)
                .writeBytes(body);
    }

    /** The {@code onMetaData} properties for these tracks, as an encoder would send them. */
    public static Map<String, Object> metaData(List<Track> tracks) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("duration", 0.0);
        for (Track t : tracks) {
            if (t.isVideo()) {
                putIfPositive(meta, "width", t.width());
                putIfPositive(meta, "height", t.height());
                putIfPositive(meta, "framerate", t.frameRate());
                meta.put("videocodecid", (double) (t.codec() == Codec.H265
                        ? FlvTagFormat.FOURCC_HVC1 : FlvTagFormat.CODEC_AVC));
            } else {
                meta.put("audiocodecid", (double) FlvTagFormat.SOUND_AAC);
                putIfPositive(meta, "audiosamplerate", t.sampleRate());
                putIfPositive(meta, "audiochannels", t.channels());
                meta.put("stereo", t.channels() == 2);
            }
        }
        return meta;
    }

    private static void putIfPositive(Map<String, Object> meta, String key, double value) {
        if (value > 0) {
            meta.put(key, value);
        }
    }
}
