package io.cascade.rtp;

import io.cascade.media.Timebase;

/**
 * The 64-bit NTP timestamp of RTCP (RFC 3550 4): seconds since 1900 in the high 32 bits, the
 * fraction of a second in the low 32.
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 to 1970-01-01. */
    static final long UNIX_EPOCH_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** The NTP time of a point of the 90 kHz UTC timeline (ticks since the Unix epoch). */
    public static long fromUtcTicks(long ticks) {
        long seconds = Math.floorDiv(ticks, Timebase.HZ) + UNIX_EPOCH_SECONDS;
        long fraction = (Math.floorMod(ticks, Timebase.HZ) << 32) / Timebase.HZ;
        return (seconds << 32) | fraction;
    }

    /** Microseconds since the Unix epoch of an NTP timestamp. */
    public static long toUnixMicros(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_SECONDS;
        long micros = ((ntp & 0xffffffffL) * 1_000_000L) >>> 32;
        return seconds * 1_000_000L + micros;
    }
}
