package io.cascade.dash;

/** The DASH FrameRateType text ({@code 25}, {@code 30000/1001}) of a frame rate. */
final class FrameRate {
    private static final double TOLERANCE = 0.001;

    private FrameRate() {
    }

    /** An integer, an NTSC-style N*1000/1001, or failing those a fraction over 1000 in lowest terms. */
    static String of(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("invalid frame rate " + fps);
        }
        long whole = Math.round(fps);
        if (Math.abs(fps - whole) < TOLERANCE) {
            return Long.toString(whole);
        }
        long ntsc = Math.round(fps * 1.001);
        if (Math.abs(fps - ntsc * 1000.0 / 1001) < TOLERANCE) {
            return ntsc * 1000 + "/1001";
        }
        long thousandths = Math.round(fps * 1000);
        long gcd = gcd(thousandths, 1000);
        return thousandths / gcd + "/" + 1000 / gcd;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
