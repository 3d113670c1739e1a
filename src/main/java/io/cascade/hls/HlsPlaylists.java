package io.cascade.hls;

import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentTarget;
import io.cascade.media.Timebase;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * HLS playlists (RFC 8216) of a stream's live window.
 *
 * <ul>
 *   <li>{@code index.m3u8}: {@link #master} with one variant pointing to {@code mono.m3u8};</li>
 *   <li>{@code mono.m3u8} / {@code video.m3u8}: {@link #media} with {@link SegmentFormat#TS};</li>
 *   <li>{@code index.fmp4.m3u8}: {@link #master} with one variant pointing to
 *       {@code mono.fmp4.m3u8}, so a player learns codecs and picture size before it loads a
 *       segment, as with MPEG-TS;</li>
 *   <li>{@code mono.fmp4.m3u8}: {@link #media} with {@link SegmentFormat#FMP4}
 *       ({@code EXT-X-MAP} + {@code .m4s}).</li>
 * </ul>
 * Every segment starts with a video keyframe (any audio frame for audio-only streams), so
 * masters declare {@code EXT-X-INDEPENDENT-SEGMENTS}.
 * All URIs are relative to the playlist. Lines end with LF.
 */
public final class HlsPlaylists {
    /** The variant URI of the master playlist. */
    public static final String MEDIA_PLAYLIST = "mono.m3u8";
    /** The variant URI of the fMP4 master playlist. */
    public static final String FMP4_MEDIA_PLAYLIST = "mono.fmp4.m3u8";
    /** The init segment URI of fMP4 playlists, unless a caller names inits otherwise. */
    public static final String INIT_SEGMENT = "init.mp4";

    private static final DateTimeFormatter PROGRAM_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private HlsPlaylists() {
    }

    /** The master playlist with one variant, {@link #MEDIA_PLAYLIST}. */
    public static String master(StreamPlaylistInfo info) {
        return master(info, MEDIA_PLAYLIST);
    }

    /**
     * The master playlist of segments in {@code format}, with one variant: {@link #MEDIA_PLAYLIST}
     * or {@link #FMP4_MEDIA_PLAYLIST}, at the playlist version its media playlist declares.
     */
    public static String master(StreamPlaylistInfo info, SegmentFormat format) {
        return master(info, format == SegmentFormat.TS ? MEDIA_PLAYLIST : FMP4_MEDIA_PLAYLIST, format.playlistVersion());
    }

    /** The master playlist with one variant at {@code variantUri} (relative). */
    public static String master(StreamPlaylistInfo info, String variantUri) {
        return master(info, variantUri, SegmentFormat.TS.playlistVersion());
    }

    private static String master(StreamPlaylistInfo info, String variantUri, int version) {
        requireLine(variantUri, "variant URI");
        StringBuilder out = new StringBuilder()
                .append("#EXTM3U\n")
                .append("#EXT-X-VERSION:").append(version).append('\n')
                .append("#EXT-X-INDEPENDENT-SEGMENTS\n")
                .append("#EXT-X-STREAM-INF:BANDWIDTH=").append(info.bandwidth())
                .append(",CODECS=\"").append(info.codecs()).append('"');
        if (info.hasVideo()) {
            out.append(",RESOLUTION=").append(info.width()).append('x').append(info.height());
        }
        if (info.frameRate() > 0) {
            out.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", info.frameRate()));
        }
        return out.append('\n').append(variantUri).append('\n').toString();
    }

    /**
     * A media playlist of {@code segments}, with fMP4 inits at {@link #INIT_SEGMENT}.
     *
     * @see #media(List, long, SegmentFormat, boolean, SegmentTarget, Function)
     */
    public static String media(List<Segment> segments, long discontinuitiesBefore, SegmentFormat format,
                               boolean ended, SegmentTarget target) {
        return media(segments, discontinuitiesBefore, format, ended, target, init -> INIT_SEGMENT);
    }

    /**
     * A media playlist of {@code segments}.
     *
     * @param segments              the window: closed segments, oldest first, numbers rising
     * @param discontinuitiesBefore how many segments flagged as discontinuity the stream had before
     *                              the first one of the window; the first segment's own flag is
     *                              counted here, so the sequence stays the same as the window slides
     * @param format                TS ({@code mono.m3u8}) or fMP4 ({@code index.fmp4.m3u8})
     * @param ended                 true to add {@code EXT-X-ENDLIST} (finished stream, archive piece)
     * @param target                the stream's target duration, the same for the life of the playlist
     * @param initUri               the URI of an init segment; an {@code EXT-X-MAP} is written before
     *                              the first segment and wherever the init version changes
     * @throws IllegalArgumentException for an empty window, an open segment or falling numbers
     */
    public static String media(List<Segment> segments, long discontinuitiesBefore, SegmentFormat format,
                               boolean ended, SegmentTarget target, Function<InitSegment, String> initUri) {
        return media(segments, discontinuitiesBefore, format, ended, target, initUri, null);
    }

    /**
     * As {@link #media(List, long, SegmentFormat, boolean, SegmentTarget, Function)}, with an
     * {@code EXT-X-PLAYLIST-TYPE} ({@code VOD} for an archive piece, {@code EVENT} for one that
     * grows up to the live edge), or none when {@code playlistType} is null.
     */
    public static String media(List<Segment> segments, long discontinuitiesBefore, SegmentFormat format,
                               boolean ended, SegmentTarget target, Function<InitSegment, String> initUri,
                               String playlistType) {
        checkWindow(segments, discontinuitiesBefore);
        Segment first = segments.getFirst();
        long discontinuitySequence = discontinuitiesBefore + (first.discontinuity() ? 1 : 0);
        StringBuilder out = new StringBuilder(256 + 96 * segments.size()) // about one entry's length each
                .append("#EXTM3U\n")
                .append("#EXT-X-TARGETDURATION:").append(targetDuration(target, segments)).append('\n')
                .append("#EXT-X-VERSION:").append(format.playlistVersion()).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:").append(first.number()).append('\n');
        if (playlistType != null) {
            requireLine(playlistType, "playlist type");
            out.append("#EXT-X-PLAYLIST-TYPE:").append(playlistType).append('\n');
        }
        if (discontinuitySequence > 0) {
            out.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        }
        Segment previous = null;
        for (Segment s : segments) {
            appendSegment(out, s, previous, format, initUri);
            previous = s;
        }
        if (ended) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    /**
     * {@code EXT-X-TARGETDURATION}: the stream's target, fixed from its configured segment duration
     * (RFC 8216 4.3.3.1 forbids it to change), which every segment made here keeps within once its
     * EXTINF is rounded to the nearest second. A segment that does not (one a faulty cluster peer
     * sent) raises it rather than make the playlist invalid or unservable.
     */
    public static long targetDuration(SegmentTarget target, List<Segment> segments) {
        long longestSeconds = 0;
        for (Segment s : segments) {
            longestSeconds = Math.max(longestSeconds, Math.floorDiv(SegmentNames.durationMillis(s.duration()) + 500, 1000));
        }
        return Math.max(target.targetSeconds(), longestSeconds);
    }

    /** The {@code EXT-X-PROGRAM-DATE-TIME} value of a 90 kHz UTC time, milliseconds floored. */
    public static String programDateTime(long dts) {
        return appendProgramDateTime(new StringBuilder(24), dts).toString();
    }

    private static StringBuilder appendProgramDateTime(StringBuilder out, long dts) {
        long second = Math.floorDiv(dts, Timebase.HZ);
        if (second < UtcText.FIRST_SECOND || second > UtcText.LAST_SECOND) {
            return out.append(PROGRAM_DATE_TIME.format(Timebase.toInstant(dts)));
        }
        long millis = Math.floorMod(dts, Timebase.HZ) * 1000 / Timebase.HZ;
        UtcText.append(out, second, '-', 'T', ':').append('.');
        return UtcText.digits(out, millis, 3).append('Z');
    }

    private static void appendSegment(StringBuilder out, Segment s, Segment previous, SegmentFormat format,
                                      Function<InitSegment, String> initUri) {
        if (previous != null && s.discontinuity()) {
            out.append("#EXT-X-DISCONTINUITY\n");
        }
        if (format == SegmentFormat.FMP4 && (previous == null || initChanged(previous, s))) {
            String uri = initUri.apply(s.init());
            requireQuotable(uri);
            out.append("#EXT-X-MAP:URI=\"").append(uri).append("\"\n");
        }
        long millis = SegmentNames.durationMillis(s.duration());
        appendProgramDateTime(out.append("#EXT-X-PROGRAM-DATE-TIME:"), s.startDts()).append('\n')
                .append("#EXTINF:").append(millis / 1000).append('.');
        UtcText.digits(out, millis % 1000, 3).append(",\n");
        SegmentNames.append(out, s.startDts(), s.duration(), format).append('\n');
    }

    private static boolean initChanged(Segment previous, Segment s) {
        return previous.init().version() != s.init().version();
    }

    private static void checkWindow(List<Segment> segments, long discontinuitiesBefore) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a media playlist needs at least one segment");
        }
        if (discontinuitiesBefore < 0) {
            throw new IllegalArgumentException("negative discontinuity count " + discontinuitiesBefore);
        }
        long lastNumber = Long.MIN_VALUE;
        for (Segment s : segments) {
            if (!s.isComplete()) {
                throw new IllegalArgumentException("segment " + s.number() + " is not closed");
            }
            if (s.number() <= lastNumber) {
                throw new IllegalArgumentException("segment " + s.number() + " does not follow " + lastNumber);
            }
            lastNumber = s.number();
        }
    }

    private static void requireLine(String text, String what) {
        if (text == null || text.isEmpty() || text.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("invalid " + what + ": " + text);
        }
    }

    private static void requireQuotable(String uri) {
        requireLine(uri, "init URI");
        if (uri.indexOf('"') >= 0) {
            throw new IllegalArgumentException("invalid init URI: " + uri);
        }
    }
}
