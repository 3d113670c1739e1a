package io.cascade.dvr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The on-disk names of an archive: a segment file's name carries everything the index says of
 * it but the track spans (number, start, duration, size, init, flag), so an index can be made
 * again from a folder listing; an index line carries all of it and a checksum, so a torn or
 * damaged line is seen. See {@code docs/dvr.md}.
 */
final class SegmentFiles {
    static final String EXTENSION = ".m4s";
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern NAME = Pattern.compile(
            "(\\d{1,19})_(\\d{1,19})_(\\d{1,19})_(\\d{1,10})_([0-9a-f]{16})(_d)?\\.m4s");
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuu/MM/dd/HH", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SegmentFiles() {
    }

    /** The folder of a segment, relative to the archive: its UTC start hour, {@code yyyy/MM/dd/HH}. */
    static String hour(long startDts) {
        return HOUR.format(Instant.ofEpochSecond(Math.max(0, Math.floorDiv(startDts, 90_000L))));
    }

    static String fileName(ArchivedSegment s) {
        return s.number() + "_" + s.startDts() + "_" + s.duration() + "_" + s.size() + "_" + s.initId()
                + (s.discontinuity() ? "_d" : "") + EXTENSION;
    }

    /** What a file name says, with no track spans; empty when it is no segment file of ours. */
    static Optional<ArchivedSegment> parseFileName(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArchivedSegment(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), m.group(5), m.group(6) != null, List.of()));
        } catch (IllegalArgumentException tooBig) {
            return Optional.empty();
        }
    }

    /** One index line, ending with a newline. */
    static String indexLine(ArchivedSegment s) {
        StringBuilder b = new StringBuilder().append(s.number()).append(' ').append(s.startDts()).append(' ')
                .append(s.duration()).append(' ').append(s.size()).append(' ').append(s.initId()).append(' ')
                .append(s.discontinuity() ? 'd' : '-').append(' ');
        if (s.tracks().isEmpty()) {
            b.append('-');
        }
        for (int i = 0; i < s.tracks().size(); i++) {
            TrackTime t = s.tracks().get(i);
            b.append(i == 0 ? "" : ",").append(t.trackId()).append(':').append(t.start()).append(':').append(t.duration());
        }
        return b.append(' ').append(crc(b.toString())).append('\n').toString();
    }

    /** The segment an index line describes; empty for a torn, damaged or foreign line. */
    static Optional<ArchivedSegment> parseIndexLine(String line) {
        int lastSpace = line.lastIndexOf(' ');
        if (lastSpace < 0 || !line.substring(lastSpace + 1).equals(crc(line.substring(0, lastSpace + 1)))) {
            return Optional.empty();
        }
        String[] f = line.substring(0, lastSpace).split(" ");
        if (f.length != 7) {
            return Optional.empty();
        }
        try {
            List<TrackTime> tracks = new ArrayList<>();
            if (!f[6].equals("-")) {
                for (String t : f[6].split(",")) {
                    String[] p = t.split(":");
                    tracks.add(new TrackTime(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])));
                }
            }
            return Optional.of(new ArchivedSegment(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), f[4], f[5].equals("d"), tracks));
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
    }

    private static String crc(String text) {
        CRC32 c = new CRC32();
        c.update(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return String.format(Locale.ROOT, "%08x", c.getValue());
    }
}
