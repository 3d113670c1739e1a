package io.cascade.mp4;

import java.util.BitSet;

/**
 * Where each sample of a track lies and when it is decoded, expanded from the compact tables of
 * an {@code stbl} box. Times are in the track's media timescale.
 *
 * @param offsets       file offset of each sample
 * @param sizes         byte size of each sample
 * @param decodeTimes   decode time of each sample
 * @param ctsOffsets    composition minus decode time of each sample
 * @param sync          which samples are random access points
 * @param totalDuration sum of all sample durations (decode time just after the last sample)
 */
record SampleTable(long[] offsets, int[] sizes, long[] decodeTimes, int[] ctsOffsets, BitSet sync,
                   long totalDuration) {

    int count() {
        return sizes.length;
    }

    /** Decode time just after sample {@code i}: the next sample's, or the end of the track. */
    long endTime(int i) {
        return i + 1 < decodeTimes.length ? decodeTimes[i + 1] : totalDuration;
    }
}
