package io.cascade.hls;

/** The container HLS segments are served in, with the URI extension and playlist version it needs. */
public enum SegmentFormat {
    /** MPEG-2 transport stream, playable by every HLS client. */
    TS("ts", "video/mp2t", 3),
    /** Fragmented MP4 (CMAF); needs {@code EXT-X-MAP}, hence version 7 (RFC 8216 needs at least 6). */
    FMP4("m4s", "video/iso.segment", 7);

    private final String extension;
    private final String contentType;
    private final int playlistVersion;

    SegmentFormat(String extension, String contentType, int playlistVersion) {
        this.extension = extension;
        this.contentType = contentType;
        this.playlistVersion = playlistVersion;
    }

    /** The media type a segment of this format is served as. */
    public String contentType() {
        return contentType;
    }

    /** The file extension of segment URIs, without the dot. */
    public String extension() {
        return extension;
    }

    /** The {@code EXT-X-VERSION} a media playlist of such segments declares. */
    public int playlistVersion() {
        return playlistVersion;
    }

    static SegmentFormat ofExtension(String extension) {
        for (SegmentFormat f : values()) {
            if (f.extension.equals(extension)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no segment format with extension " + extension);
    }
}
