package io.cascade.input;

/**
 * Where an input that carries whole segments (a cluster peer) delivers them, so their bytes,
 * numbers and timestamps stay exactly as they were made upstream.
 */
public interface SegmentSink {
    /** An init segment with the upstream version number. */
    void onInit(int version, byte[] bytes) throws java.io.IOException;

    /**
     * A segment begins. Returns false when the stream cannot take it (it would repeat a number
     * or go back in time); its chunks and end are then ignored.
     */
    boolean onSegmentStart(long number, long startDts, int initVersion, boolean discontinuity);

    void onChunk(long number, byte[] chunk);

    void onSegmentEnd(long number, long duration);

    /** The segment begun upstream was dropped there; drop it here too. */
    void onSegmentAbort(long number);

    /** The input stops mid-segment: what is growing is dropped, unpublished. */
    void onInterrupted();

    /** The number the next segment should have for a seamless continuation, -1 if any will do. */
    long nextWanted();
}
