package io.cascade.mp4;

import io.cascade.codec.CodecFormatException;
import io.cascade.codec.TrackInfo;
import io.cascade.media.Codec;
import io.cascade.media.MediaKind;
import io.cascade.media.Track;

import java.util.List;
import java.util.Optional;

/**
 * What the first sample entry of an {@code stsd} box says about a track: codec, configuration
 * record and picture or sound format.
 *
 * @param config the avcC / hvcC body, or the AudioSpecificConfig for AAC
 */
public record SampleEntry(Codec codec, byte[] config, int width, int height, int sampleRate, int channels) {
    /** SampleEntry (8) + VisualSampleEntry fields (70) before the child boxes. */
    private static final int VISUAL_FIELDS = 78;
    /** SampleEntry (8) + AudioSampleEntry fields (20) before the child boxes. */
    private static final int AUDIO_FIELDS = 28;

    public SampleEntry {
        config = config.clone();
    }

    @Override
    public byte[] config() {
        return config.clone();
    }

    /** The first entry of {@code stsd}, or empty when it is not a codec Cascade carries. */
    public static Optional<SampleEntry> readFirst(Box stsd) throws Mp4FormatException {
        List<Box> entries = stsd.childrenAfter(8);
        if (entries.isEmpty()) {
            throw new Mp4FormatException("'stsd' at offset " + stsd.offset() + " has no sample entry");
        }
        Box entry = entries.get(0);
        return switch (entry.type()) {
            case "avc1", "avc3" -> Optional.of(visual(entry, Codec.H264, "avcC"));
            case "hvc1", "hev1" -> Optional.of(visual(entry, Codec.H265, "hvcC"));
            case "mp4a" -> audio(entry);
            default -> Optional.empty();
        };
    }

    public Track toTrack(int id, double frameRate, String language) {
        return new Track(id, codec, config, width, height, codec.kind() == MediaKind.VIDEO ? frameRate : 0, sampleRate, channels, language);
    }

    private static SampleEntry visual(Box entry, Codec codec, String configBox) throws Mp4FormatException {
        FieldReader in = entry.fields();
        in.skip(24);
        int width = in.u16();
        int height = in.u16();
        Box config = entry.childrenAfter(VISUAL_FIELDS).stream()
                .filter(b -> b.type().equals(configBox)).findFirst()
                .orElseThrow(() -> new Mp4FormatException("'" + entry.type() + "' sample entry has no '"
                        + configBox + "' box"));
        byte[] record = new byte[config.bodySize()];
        config.body().get(record);
        return new SampleEntry(codec, record, width, height, 0, 0);
    }

    private static Optional<SampleEntry> audio(Box entry) throws Mp4FormatException {
        FieldReader in = entry.fields();
        in.skip(8);
        int version = in.u16(); // QuickTime sound description version; 0 in ISO files
        in.skip(6);
        int channels = in.u16();
        in.skip(6);
        in.skip(4); // samplerate: the AudioSpecificConfig is the authority
        int extra = 0;
        if (version == 1) {
            extra = 16;
        } else if (version == 2) {
            in.skip(4);
            in.skip(8);
            channels = (int) Math.min(in.u32(), 255);
            extra = 36;
        }
        Optional<Box> esdsBox = esds(entry.childrenAfter(AUDIO_FIELDS + extra));
        if (esdsBox.isEmpty()) {
            throw new Mp4FormatException("'mp4a' sample entry has no 'esds' box");
        }
        Esds esds = Esds.read(esdsBox.get());
        if (!esds.isAac()) {
            return Optional.empty();
        }
        byte[] asc = esds.decoderSpecificInfo();
        if (asc.length == 0) {
            throw new Mp4FormatException("AAC 'esds' has no AudioSpecificConfig");
        }
        Track track;
        try {
            track = TrackInfo.audioTrack(1, asc, channels);
        } catch (CodecFormatException e) {
            throw codecError(esdsBox.get(), e);
        }
        return Optional.of(new SampleEntry(Codec.AAC, asc, 0, 0, track.sampleRate(), track.channels()));
    }

    private static Mp4FormatException codecError(Box box, CodecFormatException e) {
        Mp4FormatException error = new Mp4FormatException("'" + box.type() + "' at offset " + box.offset()
                + " holds a bad codec config: " + e.getMessage());
        error.initCause(e);
        return error;
    }

    /** The esds box, directly in the entry or (QuickTime) inside its 'wave' box. */
    private static Optional<Box> esds(List<Box> children) throws Mp4FormatException {
        for (Box b : children) {
            if (b.type().equals("esds")) {
                return Optional.of(b);
            }
            if (b.type().equals("wave")) {
                Optional<Box> inner = b.child("esds");
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }
}
