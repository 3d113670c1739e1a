package io.cascade.rtmp;

import io.cascade.codec.CodecFormatException;
import io.cascade.codec.TrackInfo;
import io.cascade.media.Track;

import java.util.List;

/**
 * Completes tracks announced over RTMP: a publisher's onMetaData may lack width, height and frame
 * rate (or lie about them), while the SPS in the sequence header is what decoders believe, so
 * picture size comes from the SPS and the frame rate from it when it says one.
 */
public final class SpsTracks {
    private SpsTracks() {
    }

    public static List<Track> complete(List<Track> tracks) {
        return tracks.stream().map(SpsTracks::complete).toList();
    }

    static Track complete(Track t) {
        if (!t.isVideo()) {
            return t;
        }
        Track fromSps;
        try {
            fromSps = TrackInfo.videoTrack(t.id(), t.codec(), t.config());
        } catch (CodecFormatException e) {
            return t; // an SPS we cannot read: the metadata is the best we have
        }
        double frameRate = fromSps.frameRate() > 0 ? fromSps.frameRate() : t.frameRate();
        return new Track(t.id(), t.codec(), t.config(), fromSps.width(), fromSps.height(), frameRate,
                0, 0, t.language());
    }
}
