package io.cascade.media;

import java.math.BigInteger;
import java.time.Instant;

/** Conversions between the 90 kHz UTC timeline and other clocks. */
public final class Timebase {
    /** Ticks per second of every timestamp in the media core. */
    public static final long HZ = 90_000;

    private Timebase() {
    }

    public static long fromMillis(long millis) {
        return Math.multiplyExact(millis, 90L);
    }

    public static long toMillis(long ticks) {
        return Math.floorDiv(ticks, 90L);
    }

    /** Rescales {@code value} from {@code fromScale} ticks per second to {@code toScale}, rounding down. */
    public static long rescale(long value, long fromScale, long toScale) {
        if (fromScale == toScale) {
            return value;
        }
        try {
            return Math.floorDiv(Math.multiplyExact(value, toScale), fromScale);
        } catch (ArithmeticException overflow) {
            return BigInteger.valueOf(value).multiply(BigInteger.valueOf(toScale))
                    .divide(BigInteger.valueOf(fromScale)).longValueExact();
        }
    }

    public static Instant toInstant(long ticks) {
        long seconds = Math.floorDiv(ticks, HZ);
        long rem = Math.floorMod(ticks, HZ);
        return Instant.ofEpochSecond(seconds, rem * 1_000_000_000L / HZ);
    }

    public static long fromInstant(Instant instant) {
        return instant.getEpochSecond() * HZ + instant.getNano() * HZ / 1_000_000_000L;
    }

    public static long now() {
        return fromInstant(Instant.now());
    }
}
