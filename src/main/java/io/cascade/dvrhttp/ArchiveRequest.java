package io.cascade.dvrhttp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an archive URL's file name asks for, checked where it enters: times are Unix seconds,
 * FROM must not be in the future, durations and offsets are bounded.
 */
sealed interface ArchiveRequest {
    /** The longest piece, window or offset a URL may ask for. */
    long MAX_SECONDS = 86_400;
    /** How far back a timeshift may go. */
    long MAX_OFFSET_SECONDS = 31L * 86_400;

    enum Form { HLS, DASH, TS, MP4 }

    /** {@code archive-FROM-DURATION.EXT} (also {@code index-} and {@code video-} for HLS). */
    record Piece(long from, long duration, Form form) implements ArchiveRequest {
    }

    /** {@code archive-FROM-now.m3u8}: from FROM up to the live edge, growing. */
    record Event(long from) implements ArchiveRequest {
    }

    /** {@code rewind-N.m3u8|mpd}: live with an N-second window. */
    record Rewind(long seconds, Form form) implements ArchiveRequest {
    }

    /** {@code timeshift_abs-FROM.m3u8}. */
    record TimeshiftAbs(long from) implements ArchiveRequest {
    }

    /** {@code timeshift_rel-OFFSET.m3u8}. */
    record TimeshiftRel(long offset) implements ArchiveRequest {
    }

    /** {@code timeshift_abs-FROM.ts} (or {@code timeshift_rel-OFFSET.ts}): the archive from FROM as one live HTTP MPEG-TS. */
    record TimeshiftTs(long from) implements ArchiveRequest {
    }

    /** An archive URL that cannot be answered, and why (a 400). */
    record Invalid(String message) implements ArchiveRequest {
    }

    Pattern PIECE = Pattern.compile("(archive|index|video)-([^/]*)\\.(m3u8|mpd|ts|mp4)");
    Pattern REWIND = Pattern.compile("rewind-([^/]*)\\.(m3u8|mpd)");
    Pattern TIMESHIFT = Pattern.compile("timeshift_(abs|rel)-([^/]*)\\.(m3u8|ts)");
    Pattern NUMBER = Pattern.compile("\\d{1,12}");

    /** The request a file name makes, empty when it is no archive URL at all (live names, segments). */
    static Optional<ArchiveRequest> parse(String file, long nowSeconds) {
        Matcher m = PIECE.matcher(file);
        if (m.matches()) {
            if (!m.group(2).contains("-") && !m.group(1).equals("archive")) {
                return Optional.empty();
            }
            return Optional.of(piece(m.group(1), m.group(2), m.group(3), nowSeconds));
        }
        m = REWIND.matcher(file);
        if (m.matches()) {
            Form form = m.group(2).equals("mpd") ? Form.DASH : Form.HLS;
            return Optional.of(seconds(m.group(1), 1, MAX_SECONDS).<ArchiveRequest>map(n -> new Rewind(n, form))
                    .orElseGet(() -> invalid("rewind N", 1, MAX_SECONDS)));
        }
        m = TIMESHIFT.matcher(file);
        if (m.matches()) {
            boolean ts = m.group(3).equals("ts");
            if (m.group(1).equals("rel")) {
                return Optional.of(seconds(m.group(2), 1, MAX_OFFSET_SECONDS)
                        .<ArchiveRequest>map(o -> ts ? new TimeshiftTs(nowSeconds - o) : new TimeshiftRel(o))
                        .orElseGet(() -> invalid("OFFSET", 1, MAX_OFFSET_SECONDS)));
            }
            Optional<Invalid> bad = badFrom(m.group(2), nowSeconds);
            if (bad.isPresent()) {
                return Optional.of(bad.get());
            }
            long from = Long.parseLong(m.group(2));
            return Optional.of(ts ? new TimeshiftTs(from) : new TimeshiftAbs(from));
        }
        return Optional.empty();
    }

    private static ArchiveRequest piece(String prefix, String times, String ext, long nowSeconds) {
        int dash = times.indexOf('-');
        if (dash < 0) {
            return new Invalid("an archive URL is " + prefix + "-FROM-DURATION." + ext + " (Unix seconds)");
        }
        String fromText = times.substring(0, dash);
        Optional<Invalid> bad = badFrom(fromText, nowSeconds);
        if (bad.isPresent()) {
            return bad.get();
        }
        long start = Long.parseLong(fromText);
        String rest = times.substring(dash + 1);
        if (rest.equals("now")) {
            return ext.equals("m3u8") ? new Event(start) : new Invalid("FROM-now is for .m3u8 playlists only");
        }
        Form form = switch (ext) {
            case "mpd" -> Form.DASH;
            case "ts" -> Form.TS;
            case "mp4" -> Form.MP4;
            default -> Form.HLS;
        };
        if (form != Form.HLS && !prefix.equals("archive")) {
            return new Invalid("." + ext + " pieces are named archive-FROM-DURATION." + ext);
        }
        return seconds(rest, 1, MAX_SECONDS).<ArchiveRequest>map(d -> new Piece(start, d, form))
                .orElseGet(() -> invalid("DURATION", 1, MAX_SECONDS));
    }

    /** Why a FROM cannot be taken (not a number, in the future), empty when it can. */
    private static Optional<Invalid> badFrom(String text, long nowSeconds) {
        if (!NUMBER.matcher(text).matches()) {
            return Optional.of(new Invalid("FROM must be a Unix time in seconds, not '" + clip(text) + "'"));
        }
        long from = Long.parseLong(text);
        return from > nowSeconds ? Optional.of(new Invalid("FROM " + from + " is in the future (now is " + nowSeconds + ")"))
                : Optional.empty();
    }

    private static Optional<Long> seconds(String text, long min, long max) {
        if (!NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        long v = Long.parseLong(text);
        return v >= min && v <= max ? Optional.of(v) : Optional.empty();
    }

    private static ArchiveRequest invalid(String what, long min, long max) {
        return new Invalid(what + " must be a number of seconds from " + min + " to " + max);
    }

    private static String clip(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9_.-]", "?");
        return safe.length() > 24 ? safe.substring(0, 24) + "…" : safe;
    }
}
