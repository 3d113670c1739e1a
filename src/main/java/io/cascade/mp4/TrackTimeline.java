package io.cascade.mp4;

import io.cascade.media.Timebase;

import java.util.Optional;

/**
 * Maps a track's media time to 90 kHz presentation ticks, applying its edit list: leading empty
 * edits delay the track, the first real edit's media_time is where presentation starts (e.g.
 * skipping AAC priming samples or the B-frame composition delay) and its duration where it ends.
 * Both keep the tracks' A/V offset what the file means, and a looped file's length what it shows.
 * Later edits (repeats, splices) are not applied.
 *
 * @param timescale media ticks per second (mdhd)
 * @param shift     media time that presents at the track's start
 * @param delay     90 kHz ticks of empty edits before the track starts
 * @param end       90 kHz presentation time where the edit ends, {@link #OPEN} without one
 */
record TrackTimeline(long timescale, long shift, long delay, long end) {
    /** No edit list, or one whose edit has no duration: the track lasts as long as its samples. */
    static final long OPEN = Long.MAX_VALUE;

    long ticks(long mediaTime) {
        return Timebase.rescale(mediaTime - shift, timescale, Timebase.HZ) + delay;
    }

    static TrackTimeline read(Optional<Box> edts, long movieTimescale, long mediaTimescale)
            throws Mp4FormatException {
        if (edts.isEmpty()) {
            return new TrackTimeline(mediaTimescale, 0, 0, OPEN);
        }
        Optional<Box> elst = edts.get().child("elst");
        if (elst.isEmpty()) {
            return new TrackTimeline(mediaTimescale, 0, 0, OPEN);
        }
        FieldReader in = elst.get().fields();
        boolean wide = in.u8() == 1;
        in.skip(3);
        int entries = in.entryCount(wide ? 20 : 12);
        long emptyDuration = 0;
        for (int i = 0; i < entries; i++) {
            long duration = in.u32or64(wide);
            long mediaTime = wide ? in.s64() : in.s32();
            in.skip(4);
            if (mediaTime != -1) {
                long delay = rescaleMovie(emptyDuration, movieTimescale);
                return new TrackTimeline(mediaTimescale, mediaTime, delay, end(delay, duration, movieTimescale));
            }
            emptyDuration += duration;
        }
        return new TrackTimeline(mediaTimescale, 0, rescaleMovie(emptyDuration, movieTimescale), OPEN);
    }

    /** Where an edit of {@code duration} (movie ticks) after {@code delay} ends; OPEN when it does not say. */
    private static long end(long delay, long duration, long movieTimescale) {
        if (duration <= 0 || movieTimescale <= 0) {
            return OPEN;
        }
        try {
            return Math.addExact(delay, Timebase.rescale(duration, movieTimescale, Timebase.HZ));
        } catch (ArithmeticException beyondAnyFile) {
            return OPEN;
        }
    }

    private static long rescaleMovie(long duration, long movieTimescale) {
        return movieTimescale > 0 ? Timebase.rescale(duration, movieTimescale, Timebase.HZ) : 0;
    }
}
