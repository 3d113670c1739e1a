package io.cascade.dash;

import io.cascade.media.InitSegment;

import java.util.function.Function;

/**
 * What the manifest says about the stream besides its tracks.
 *
 * @param codecs    the RFC 6381 codec list of an init segment's tracks, e.g. {@code avc1.4D401F,mp4a.40.2};
 *                  a function because each Period may have other tracks
 * @param bandwidth peak bits per second
 */
public record DashStreamInfo(Function<InitSegment, String> codecs, long bandwidth) {

    public DashStreamInfo {
        if (codecs == null) {
            throw new IllegalArgumentException("codecs is required");
        }
        if (bandwidth <= 0) {
            throw new IllegalArgumentException("bandwidth must be positive: " + bandwidth);
        }
    }

    /** The same codec list for every init segment. */
    public static DashStreamInfo fixed(String codecs, long bandwidth) {
        return new DashStreamInfo(init -> codecs, bandwidth);
    }
}
