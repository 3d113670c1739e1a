package io.cascade.cluster;

import java.util.List;

/**
 * What an archive knows of one recorded segment, without its bytes: enough for a restreamer to
 * write the source's archive playlists and manifests byte for byte.
 *
 * @param number          the segment number, as on the live playlist
 * @param startDts        start, 90 kHz ticks since the Unix epoch (UTC)
 * @param duration        length in 90 kHz ticks, above 0
 * @param initVersion     the init segment it needs ({@link ArchiveIndex#init})
 * @param discontinuity   it does not follow on from the segment before it
 * @param size            its bytes' length (a DASH manifest's bandwidth is read from it)
 * @param discontinuities the source's discontinuity sequence at this segment (itself included)
 * @param runStart        where the run of segments that play on one from another began (a DASH Period)
 * @param tracks          each track's span, at most {@link #MAX_TRACKS}
 */
public record ArchivedSegment(long number, long startDts, long duration, int initVersion, boolean discontinuity,
                              long size, long discontinuities, long runStart, List<ArchivedTrack> tracks) {
    public static final int MAX_TRACKS = 16;
    /** A track starts and ends this close to its segment (90 kHz): audio and video differ by far less. */
    static final long TRACK_SLACK = 10 * 90_000L;

    public ArchivedSegment {
        if (number < 0 || startDts < 0 || duration <= 0) {
            throw new IllegalArgumentException("bad archived segment " + number + " at " + startDts + " for " + duration);
        }
        if (size < 0 || discontinuities < 0 || runStart < 0 || runStart > startDts) {
            throw new IllegalArgumentException("bad archived segment " + number + ": size " + size
                    + ", discontinuities " + discontinuities + ", run start " + runStart);
        }
        tracks = List.copyOf(tracks);
        if (tracks.size() > MAX_TRACKS) {
            throw new IllegalArgumentException("archived segment " + number + " has " + tracks.size() + " tracks");
        }
        for (ArchivedTrack t : tracks) {
            if (Math.abs(t.start() - startDts) > TRACK_SLACK || t.duration() > duration + TRACK_SLACK) {
                throw new IllegalArgumentException("track " + t.trackId() + " of archived segment " + number
                        + " lies far from it");
            }
        }
    }

    /** A segment known only by what a live segment's messages carry (a fetched copy, a test). */
    public ArchivedSegment(long number, long startDts, long duration, int initVersion, boolean discontinuity) {
        this(number, startDts, duration, initVersion, discontinuity, 0, 0, startDts, List.of());
    }

    public long endDts() {
        return startDts + duration;
    }
}
