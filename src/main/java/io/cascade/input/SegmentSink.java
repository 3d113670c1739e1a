package io.cascade.input;

/**
 * Where an input that carries whole segments (a cluster peer) delivers them, so their bytes,
 * numbers and timestamps stay exactly as they were made upstream. The verbs are those of
 * {@link io.cascade.media.SegmentListener}, for the same events told from the other side.
 *
 * <p>What comes in is a peer's word: a segment whose start or duration no stream could have made
 * is refused with {@link SegmentOutOfBoundsException}, and the input must then drop that peer.
 */
public interface SegmentSink {
    /** An init segment with the upstream version number. */
    void onInit(int version, byte[] bytes) throws java.io.IOException;

    /**
     * A segment begins. Returns false when the stream does not need it (it repeats what is stored
     * or is older than the window); its chunks and end are then ignored.
     *
     * @throws SegmentOutOfBoundsException when its start is out of bounds: the peer is broken
     */
    boolean onSegmentStarted(long number, long startDts, int initVersion, boolean discontinuity)
            throws SegmentOutOfBoundsException;

    /** A chunk of the open segment; refused (the peer dropped) when the segment grows past its bound. */
    void onChunk(long number, byte[] chunk) throws SegmentOutOfBoundsException;

    /**
     * The segment is complete; only now is it published.
     *
     * @throws SegmentOutOfBoundsException when its duration is out of bounds: it is dropped
     *                                     unpublished and the peer is broken
     */
    void onSegmentClosed(long number, long duration) throws SegmentOutOfBoundsException;

    /** The segment begun upstream was dropped there; drop it here too. */
    void onSegmentAborted(long number);

    /** The input stops mid-segment: what is growing is dropped, unpublished. */
    void onInterrupted();

    /** The number the next segment should have for a seamless continuation, -1 if any will do. */
    long nextWanted();
}
