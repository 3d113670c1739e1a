package io.cascade.hls;

import java.time.LocalDate;

/**
 * UTC times written digit by digit: playlists write two per segment (a name and a
 * {@code PROGRAM-DATE-TIME}), and a day-long archive playlist lists 43 200 segments, where a
 * {@code DateTimeFormatter} per time costs more than the rest of the playlist.
 */
final class UtcText {
    static final long FIRST_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    static final long LAST_SECOND = 253_402_300_799L;   // 9999-12-31T23:59:59Z

    private static final long SECONDS_PER_DAY = 86_400;

    private UtcText() {
    }

    /** {@code yyyy<d>MM<d>dd<t>HH<c>mm<c>ss} of a second within years 0000..9999. */
    static StringBuilder append(StringBuilder b, long epochSecond, char dateSep, char between, char timeSep) {
        if (epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND) {
            throw new IllegalArgumentException("second " + epochSecond + " is outside years 0000..9999");
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int second = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // filled in a scratch array and appended at once: one append per time, not one per char
        char[] c = new char[19];
        put(c, 0, date.getYear(), 4);
        c[4] = dateSep;
        put(c, 5, date.getMonthValue(), 2);
        c[7] = dateSep;
        put(c, 8, date.getDayOfMonth(), 2);
        c[10] = between;
        put(c, 11, second / 3600, 2);
        c[13] = timeSep;
        put(c, 14, second / 60 % 60, 2);
        c[16] = timeSep;
        put(c, 17, second % 60, 2);
        return b.append(c);
    }

    /** The last {@code width} decimal digits of {@code v} (non-negative) at {@code c[at…]}. */
    private static void put(char[] c, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** {@code value} (non-negative) with leading zeros to {@code width} digits. */
    static StringBuilder digits(StringBuilder b, long value, int width) {
        if (value >= 0 && value < 100_000) {
            // the fields of a time and a segment name: no String per field
            int v = (int) value;
            int length = Math.max(width, v >= 10_000 ? 5 : v >= 1_000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1);
            char[] c = new char[length];
            put(c, 0, v, length);
            return b.append(c);
        }
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
