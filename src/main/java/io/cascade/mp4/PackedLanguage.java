package io.cascade.mp4;

/** The ISO 639-2/T code packed into 15 bits (three 5-bit letters) as mdhd stores it. */
public final class PackedLanguage {
    private static final String UNDETERMINED = "und";

    private PackedLanguage() {
    }

    /** The three-letter code, "und" for anything that is not three lowercase letters. */
    public static String decode(int packed) {
        char[] c = new char[3];
        for (int i = 0; i < 3; i++) {
            int letter = (packed >>> (10 - 5 * i)) & 0x1F;
            c[i] = (char) (letter + 0x60);
            if (c[i] < 'a' || c[i] > 'z') {
                return UNDETERMINED;
            }
        }
        return new String(c);
    }

    /** Packs a three-letter lowercase code; anything else is packed as "und". */
    public static int encode(String language) {
        String code = language != null && language.matches("[a-z]{3}") ? language : UNDETERMINED;
        return ((code.charAt(0) - 0x60) << 10) | ((code.charAt(1) - 0x60) << 5) | (code.charAt(2) - 0x60);
    }
}
