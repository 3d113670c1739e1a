package io.cascade.hlspull;

import io.cascade.input.InputFormatException;
import io.cascade.net.PeerText;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HLS playlists (RFC 8216): a master playlist's variants, or a media playlist's segments.
 * Only what a live pull needs is read; unknown tags are skipped as the RFC asks. Everything a
 * peer controls is bounded: the number of lines, segments and variants, and every number.
 */
final class PlaylistParser {
    /** Lines (and so segments and variants) a playlist may have. */
    static final int MAX_LINES = 100_000;
    static final int MAX_SEGMENTS = 10_000;
    /** Longest target or segment duration believed, seconds. */
    static final double MAX_DURATION = 3600;
    private static final Pattern BANDWIDTH = Pattern.compile("(?:^|,)BANDWIDTH=([0-9]{1,12})");
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("(?:^|,)URI=\"([^\"]*)\"");

    private PlaylistParser() {
    }

    /** True when {@code text} is a master playlist (it lists variants, not segments). */
    static boolean isMaster(String text) {
        return text.contains("#EXT-X-STREAM-INF");
    }

    static List<Variant> master(String text, URI base) throws InputFormatException {
        List<String> lines = lines(text);
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("#EXT-X-STREAM-INF:")) {
                continue;
            }
            Matcher m = BANDWIDTH.matcher(line.substring(line.indexOf(':') + 1));
            if (!m.find()) {
                throw new InputFormatException("line " + (i + 1) + ": #EXT-X-STREAM-INF without BANDWIDTH");
            }
            String uri = nextUri(lines, i);
            if (uri == null) {
                throw new InputFormatException("line " + (i + 1) + ": #EXT-X-STREAM-INF without a URI after it");
            }
            variants.add(new Variant(resolve(base, uri, i), Long.parseLong(m.group(1))));
        }
        if (variants.isEmpty()) {
            throw new InputFormatException("a master playlist without variants");
        }
        return variants;
    }

    static MediaPlaylist media(String text, URI base) throws InputFormatException {
        List<String> lines = lines(text);
        long target = -1;
        long sequence = 0;
        boolean ended = false;
        boolean discontinuity = false;
        Optional<URI> map = Optional.empty();
        double duration = -1;
        List<PlaylistSegment> segments = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = Math.round(number(line, i));
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = (long) number(line, i);
            } else if (line.startsWith("#EXTINF:")) {
                String value = line.substring(8);
                int comma = value.indexOf(',');
                duration = number("#EXTINF:" + (comma < 0 ? value : value.substring(0, comma)), i);
            } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (line.startsWith("#EXT-X-MAP:")) {
                Matcher m = URI_ATTRIBUTE.matcher(line.substring(11));
                if (!m.find()) {
                    throw new InputFormatException("line " + (i + 1) + ": #EXT-X-MAP without URI");
                }
                map = Optional.of(resolve(base, m.group(1), i));
            } else if (line.startsWith("#EXT-X-BYTERANGE")) {
                // several segments in one file: fetching the file whole per segment would repeat it
                throw new InputFormatException("line " + (i + 1) + ": byte-range segments (#EXT-X-BYTERANGE) are not supported");
            } else if (line.startsWith("#EXT-X-KEY:") && !line.contains("METHOD=NONE")) {
                throw new InputFormatException("line " + (i + 1) + ": encrypted segments (#EXT-X-KEY) are not supported");
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                if (duration < 0) {
                    throw new InputFormatException("line " + (i + 1) + ": a segment without #EXTINF before it");
                }
                if (segments.size() == MAX_SEGMENTS) {
                    throw new InputFormatException("more than " + MAX_SEGMENTS + " segments");
                }
                segments.add(new PlaylistSegment(sequence + segments.size(), resolve(base, line, i), duration,
                        discontinuity, map));
                duration = -1;
                discontinuity = false;
            }
        }
        if (target < 0) {
            throw new InputFormatException("a media playlist without #EXT-X-TARGETDURATION");
        }
        return new MediaPlaylist(target, segments, ended);
    }

    /** The playlist's lines, its first checked to be #EXTM3U. */
    private static List<String> lines(String text) throws InputFormatException {
        String[] raw = text.split("\r?\n", MAX_LINES + 1);
        if (raw.length > MAX_LINES) {
            throw new InputFormatException("more than " + MAX_LINES + " lines");
        }
        if (raw.length == 0 || !raw[0].strip().startsWith("#EXTM3U")) {
            String head = raw.length == 0 ? "" : raw[0];
            throw new InputFormatException("not an HLS playlist: it starts with '"
                    + PeerText.escape(head.length() > 40 ? head.substring(0, 40) : head) + "', not #EXTM3U");
        }
        List<String> out = new ArrayList<>(raw.length);
        for (String l : raw) {
            out.add(l.strip());
        }
        return out;
    }

    private static String nextUri(List<String> lines, int after) {
        for (int j = after + 1; j < lines.size(); j++) {
            String l = lines.get(j);
            if (!l.isEmpty() && !l.startsWith("#")) {
                return l;
            }
            if (l.startsWith("#EXT-X-STREAM-INF")) {
                return null;
            }
        }
        return null;
    }

    private static double number(String line, int i) throws InputFormatException {
        String value = line.substring(line.indexOf(':') + 1).strip();
        try {
            double d = Double.parseDouble(value);
            if (d >= 0 && d <= (line.startsWith("#EXT-X-MEDIA-SEQUENCE") ? Long.MAX_VALUE / 2 : MAX_DURATION)
                    && !Double.isNaN(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InputFormatException("line " + (i + 1) + ": '" + PeerText.escape(value) + "' is no number in range");
    }

    private static URI resolve(URI base, String ref, int i) throws InputFormatException {
        try {
            URI uri = base.resolve(new URI(ref.replace(" ", "%20")));
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new InputFormatException("line " + (i + 1) + ": only http(s) URIs are followed, not '"
                        + PeerText.escape(ref) + "'");
            }
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InputFormatException("line " + (i + 1) + ": invalid URI '" + PeerText.escape(ref) + "'");
        }
    }
}
