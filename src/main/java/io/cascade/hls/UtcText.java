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
    private static final int[] TENS = {1, 10, 100, 1_000, 10_000};

    private UtcText() {
    }

    /** {@code yyyy<d>MM<d>dd<t>HH<c>mm<c>ss} of a second within years 0000..9999. */
    static StringBuilder append(StringBuilder b, long epochSecond, char dateSep, char between, char timeSep) {
        if (epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND) {
            throw new IllegalArgumentException("second " + epochSecond + " is outside years 0000..9999");
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int second = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        digits(b, date.getYear(), 4).append(dateSep);
        digits(b, date.getMonthValue(), 2).append(dateSep);
        digits(b, date.getDayOfMonth(), 2).append(between);
        digits(b, second / 3600, 2).append(timeSep);
        digits(b, second / 60 % 60, 2).append(timeSep);
        return digits(b, second % 60, 2);
    }

    /** {@code value} (non-negative) with leading zeros to {@code width} digits. */
    static StringBuilder digits(StringBuilder b, long value, int width) {
        if (value >= 0 && value < 100_000) {
            // the fields of a time and a segment name: appended as chars, no String per field
            int v = (int) value;
            int length = v >= 10_000 ? 5 : v >= 1_000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
            for (int i = length; i < width; i++) {
                b.append('0');
            }
            for (int unit = TENS[length - 1]; unit > 0; unit /= 10) {
                b.append((char) ('0' + v / unit % 10));
            }
            return b;
        }
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
