package io.cascade.hls;

import io.cascade.media.InitSegment;
import io.cascade.media.MediaKind;
import io.cascade.media.Track;

/**
 * What a master playlist says about the one variant of a stream.
 *
 * @param codecs    RFC 6381 codec list, e.g. {@code avc1.4D401F,mp4a.40.2}
 * @param bandwidth peak bits per second
 * @param width     picture width, 0 for audio-only
 * @param height    picture height, 0 for audio-only
 * @param frameRate frames per second, 0 when unknown or audio-only
 */
public record StreamPlaylistInfo(String codecs, long bandwidth, int width, int height, double frameRate) {

    public StreamPlaylistInfo {
        if (codecs == null || codecs.isBlank() || codecs.chars().anyMatch(c -> c == '"' || c < 0x20)) {
            // A quoted-string attribute cannot hold quotes or line breaks (RFC 8216 4.2).
            throw new IllegalArgumentException("invalid codecs: " + codecs);
        }
        if (bandwidth <= 0) {
            throw new IllegalArgumentException("bandwidth must be positive: " + bandwidth);
        }
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("invalid resolution " + width + "x" + height);
        }
        if (!(frameRate >= 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("invalid frame rate " + frameRate);
        }
    }

    /** The variant of a stream with these tracks: picture size and rate from its first video track. */
    public static StreamPlaylistInfo of(InitSegment init, String codecs, long bandwidth) {
        return init.firstOf(MediaKind.VIDEO)
                .map(v -> video(v, codecs, bandwidth))
                .orElseGet(() -> new StreamPlaylistInfo(codecs, bandwidth, 0, 0, 0));
    }

    public boolean hasVideo() {
        return width > 0;
    }

    private static StreamPlaylistInfo video(Track v, String codecs, long bandwidth) {
        return new StreamPlaylistInfo(codecs, bandwidth, v.width(), v.height(), v.frameRate());
    }
}
