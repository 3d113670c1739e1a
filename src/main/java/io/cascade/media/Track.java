package io.cascade.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * One elementary stream of a media stream.
 *
 * @param id          track id, 1-based, unique within a stream; the fMP4 track_ID
 * @param codec       the codec
 * @param config      codec configuration: the body of {@code avcC} (AVCDecoderConfigurationRecord)
 *                    for H.264, of {@code hvcC} for H.265, the AudioSpecificConfig for AAC
 * @param width       picture width in pixels, 0 for audio
 * @param height      picture height in pixels, 0 for audio
 * @param frameRate   frames per second, 0 when unknown or audio
 * @param sampleRate  samples per second, 0 for video
 * @param channels    audio channels, 0 for video
 * @param language    ISO 639-2 code, "und" when unknown
 */
public record Track(int id, Codec codec, byte[] config, int width, int height, double frameRate,
                    int sampleRate, int channels, String language) {

    public Track {
        Objects.requireNonNull(codec, "codec");
        config = config == null ? new byte[0] : config.clone();
        language = language == null || language.isBlank() ? "und" : language;
        if (id <= 0) {
            throw new IllegalArgumentException("track id must be positive: " + id);
        }
    }

    public static Track video(int id, Codec codec, byte[] config, int width, int height, double frameRate) {
        return new Track(id, codec, config, width, height, frameRate, 0, 0, "und");
    }

    public static Track audio(int id, Codec codec, byte[] config, int sampleRate, int channels) {
        return new Track(id, codec, config, 0, 0, 0, sampleRate, channels, "und");
    }

    public MediaKind kind() {
        return codec.kind();
    }

    public boolean isVideo() {
        return codec.kind() == MediaKind.VIDEO;
    }

    @Override
    public byte[] config() {
        return config.clone();
    }

    public Track withId(int newId) {
        return new Track(newId, codec, config, width, height, frameRate, sampleRate, channels, language);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Track t && id == t.id && codec == t.codec && Arrays.equals(config, t.config)
                && width == t.width && height == t.height && Double.compare(frameRate, t.frameRate) == 0
                && sampleRate == t.sampleRate && channels == t.channels && language.equals(t.language);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, codec, Arrays.hashCode(config), width, height, frameRate, sampleRate, channels, language);
    }

    @Override
    public String toString() {
        return isVideo()
                ? "Track[" + id + " " + codec + " " + width + "x" + height + " " + frameRate + "fps]"
                : "Track[" + id + " " + codec + " " + sampleRate + "Hz " + channels + "ch]";
    }
}
