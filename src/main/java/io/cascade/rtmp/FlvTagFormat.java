package io.cascade.rtmp;

/** Constants of FLV VIDEODATA/AUDIODATA tag bodies and the Enhanced RTMP video extension. */
final class FlvTagFormat {
    static final int FRAME_KEY = 1;
    static final int FRAME_INTER = 2;
    static final int FRAME_COMMAND = 5;
    static final int CODEC_AVC = 7;
    /** Not in any specification, but widely used for HEVC before Enhanced RTMP. */
    static final int CODEC_HEVC_LEGACY = 12;
    static final int AVC_SEQUENCE_HEADER = 0;
    static final int AVC_NALU = 1;
    static final int EX_HEADER = 0x80;
    static final int PACKET_SEQUENCE_START = 0;
    static final int PACKET_CODED_FRAMES = 1;
    static final int PACKET_SEQUENCE_END = 2;
    static final int PACKET_CODED_FRAMES_X = 3;
    static final int FOURCC_HVC1 = fourCc("hvc1");
    static final int FOURCC_AVC1 = fourCc("avc1");
    static final int SOUND_AAC = 10;
    /** soundType bit of the audio tag header: stereo. */
    static final int SOUND_STEREO = 0x01;
    static final int AAC_SEQUENCE_HEADER = 0;
    static final int AAC_RAW = 1;
    /** AAC tag header: format 10, and the rate/size/type bits the specification fixes for AAC. */
    static final int AAC_TAG_HEADER = 0xAF;

    private FlvTagFormat() {
    }

    static int fourCc(String s) {
        return s.charAt(0) << 24 | s.charAt(1) << 16 | s.charAt(2) << 8 | s.charAt(3);
    }
}
