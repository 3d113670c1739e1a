package io.cascade.dash;

import java.util.Locale;

/** xs:duration text of 90 kHz tick counts, in seconds with milliseconds ({@code PT2.000S}). */
public final class XsDuration {
    private XsDuration() {
    }

    /** Rounded to the nearest millisecond. */
    public static String ofTicks(long ticks) {
        return ofMillis(Math.floorDiv(ticks + 45, 90));
    }

    /** Rounded up to the next millisecond, for a duration that must cover {@code ticks}. */
    public static String ofTicksUp(long ticks) {
        return ofMillis(Math.ceilDiv(ticks, 90));
    }

    public static String ofMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative duration " + millis + " ms");
        }
        return String.format(Locale.ROOT, "PT%d.%03dS", millis / 1000, millis % 1000);
    }
}
