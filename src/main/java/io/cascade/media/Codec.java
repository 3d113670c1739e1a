package io.cascade.media;

/** The codecs Cascade carries, with the MP4 sample entry name each uses. */
public enum Codec {
    H264(MediaKind.VIDEO, "avc1"),
    H265(MediaKind.VIDEO, "hvc1"),
    AAC(MediaKind.AUDIO, "mp4a");

    private final MediaKind kind;
    private final String sampleEntry;

    Codec(MediaKind kind, String sampleEntry) {
        this.kind = kind;
        this.sampleEntry = sampleEntry;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The four-character code of the MP4 sample entry (also what RFC 6381 codec strings start with). */
    public String sampleEntry() {
        return sampleEntry;
    }
}
