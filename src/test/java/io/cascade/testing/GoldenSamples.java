package io.cascade.testing;

import io.cascade.codec.AvcConfig;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4Demuxer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small media files committed under {@code src/test/resources/golden/} (made once by its
 * {@code make-samples.sh}), so tests have real encoder output without running an encoder.
 */
public final class GoldenSamples {
    public static final String H264_AAC_TS = "h264-aac.ts";
    public static final String H264_AAC_MP4 = "h264-aac.mp4";
    public static final String H265_MP4 = "h265.mp4";
    public static final String PUBLISH_FLV = "publish.flv";
    public static final String HE_AAC_MP4 = "he-aac.mp4";

    private GoldenSamples() {
    }

    public static Path path(String name) {
        URL url = GoldenSamples.class.getResource("/golden/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no golden sample " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The avcC of the H.264 sample: x264's SPS and PPS (High profile, 320x180, 25 fps). */
    public static AvcConfig h264Config() throws IOException {
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(path(H264_AAC_MP4))) {
            Track video = demuxer.tracks().stream().filter(Track::isVideo).findFirst().orElseThrow();
            return AvcConfig.parse(video.config());
        }
    }
}
