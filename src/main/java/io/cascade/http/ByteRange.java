package io.cascade.http;

/**
 * The part of a body a request asked for with {@code Range: bytes=...} (RFC 9110 section 14):
 * {@code first-last}, {@code first-} or the suffix {@code -count}. One range only: a request for
 * several is answered with the whole body, which the RFC allows and players do not need.
 *
 * @param first the first byte, 0-based
 * @param last  the last byte, inclusive
 */
record ByteRange(long first, long last) {
    /** What a request's Range header comes to for a body of a given size. */
    sealed interface Answer permits Whole, Part, Unsatisfiable {
    }

    /** No usable Range header (absent, not bytes, several ranges, malformed): 200, whole body. */
    record Whole() implements Answer {
    }

    /** 206 with this range. */
    record Part(ByteRange range) implements Answer {
    }

    /** 416: the range starts at or after the end of the body. */
    record Unsatisfiable() implements Answer {
    }

    private static final String BYTES = "bytes=";
    /** Longer headers are not one range of a body this server holds. */
    private static final int MAX_HEADER = 100;

    long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, for Content-Range. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    static ByteRange whole(long size) {
        return new ByteRange(0, size - 1);
    }

    /**
     * Reads a Range header. An {@code If-Range} is never satisfied (responses carry no validator),
     * so with one the whole body is sent, as RFC 9110 section 13.1.5 asks.
     */
    static Answer of(String range, String ifRange, long size) {
        if (range == null || ifRange != null || range.length() > MAX_HEADER
                || !range.regionMatches(true, 0, BYTES, 0, BYTES.length())) {
            return new Whole();
        }
        String spec = range.substring(BYTES.length()).strip();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (from.isEmpty()) {
            return suffix(to, size);
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (first < 0 || last < 0 || last < first) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(first, Math.min(last, size - 1)));
    }

    private static Answer suffix(String count, long size) {
        long n = number(count);
        if (n < 0) {
            return new Whole();
        }
        if (n == 0 || size == 0) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(Math.max(0, size - n), size - 1));
    }

    /** A non-negative decimal, saturating at Long.MAX_VALUE; -1 when not digits. */
    private static long number(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }
}
