package io.cascade.hls;

import io.cascade.media.Segment;
import io.cascade.media.Timebase;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The segment URI form {@code yyyy/MM/dd/HH/mm/ss-DDDDD.ext}: the UTC start of the segment
 * floored to the second and its duration in milliseconds, five digits. A name is self-describing,
 * so any server of a cluster (or the DVR) can find the segment without shared state.
 */
public final class SegmentNames {
    /** The largest duration five digits can carry. */
    public static final int MAX_DURATION_MILLIS = 99_999;

    // ASCII digits only (no UNICODE_CHARACTER_CLASS), whole input only: no room for "..", "%2e" or slashes.
    private static final Pattern NAME = Pattern.compile(
            "(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/(\\d{2})/(\\d{2})-(\\d{5})\\.(ts|m4s)");
    private static final int MAX_NAME_LENGTH = "yyyy/MM/dd/HH/mm/ss-DDDDD.m4s".length();
    private static final long FIRST_SECOND = UtcText.FIRST_SECOND;
    private static final long LAST_SECOND = UtcText.LAST_SECOND;

    private SegmentNames() {
    }

    /** The URI of a closed segment. */
    public static String of(Segment segment, SegmentFormat format) {
        if (!segment.isComplete()) {
            throw new IllegalArgumentException("segment " + segment.number() + " is not closed");
        }
        return of(segment.startDts(), segment.duration(), format);
    }

    /**
     * The URI for a segment starting at {@code startDts} lasting {@code durationTicks} (90 kHz).
     * Total: a start outside years 0000..9999 or a duration beyond five digits of milliseconds
     * (which no segmenter here makes, but a peer might send) is named by the nearest value that
     * fits, and {@link SegmentName#names} finds the segment by the same rule.
     */
    public static String of(long startDts, long durationTicks, SegmentFormat format) {
        return append(new StringBuilder(32), startDts, durationTicks, format).toString();
    }

    /** Appends {@link #of(long, long, SegmentFormat)} to {@code out}. */
    static StringBuilder append(StringBuilder out, long startDts, long durationTicks, SegmentFormat format) {
        UtcText.append(out, startSecond(startDts), '/', '/', '/').append('-');
        return UtcText.digits(out, nameMillis(durationTicks), 5).append('.').append(format.extension());
    }

    /** Reads a URI tail such as {@code 2026/11/24/10/00/02-02000.ts}; empty for anything else. */
    public static Optional<SegmentName> parse(String path) {
        if (path == null || path.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime start = LocalDateTime.of(group(m, 1), group(m, 2), group(m, 3),
                    group(m, 4), group(m, 5), group(m, 6));
            return Optional.of(new SegmentName(start.toEpochSecond(ZoneOffset.UTC), group(m, 7),
                    SegmentFormat.ofExtension(m.group(8))));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** The UTC second a name gives for a start, within years 0000..9999. */
    static long startSecond(long startDts) {
        return Math.clamp(Math.floorDiv(startDts, Timebase.HZ), FIRST_SECOND, LAST_SECOND);
    }

    /** The milliseconds a name gives for a duration, within five digits. */
    static int nameMillis(long durationTicks) {
        return (int) Math.clamp(durationMillis(Math.max(0, durationTicks)), 0, MAX_DURATION_MILLIS);
    }

    /** Ticks to milliseconds, rounded to nearest (halves up), as EXTINF and names show them. */
    static long durationMillis(long ticks) {
        return Math.floorDiv(ticks, 90) + (Math.floorMod(ticks, 90) >= 45 ? 1 : 0);
    }

    private static int group(Matcher m, int index) {
        return Integer.parseInt(m.group(index));
    }
}
