package io.cascade.mp4;

/**
 * The parts of a track's {@code mdhd} box Cascade needs.
 *
 * @param timescale media ticks per second, positive
 * @param duration  in media ticks
 * @param language  ISO 639-2 code, "und" when not set
 */
public record MediaHeader(long timescale, long duration, String language) {

    public static MediaHeader read(Box mdhd) throws Mp4FormatException {
        FieldReader in = mdhd.fields();
        boolean wide = in.u8() == 1;
        in.skip(3 + (wide ? 16 : 8));
        long timescale = in.u32();
        if (timescale == 0) {
            throw in.error("timescale is 0");
        }
        long duration = in.u32or64(wide);
        String language = PackedLanguage.decode(in.u16() & 0x7FFF);
        return new MediaHeader(timescale, duration, language);
    }
}
