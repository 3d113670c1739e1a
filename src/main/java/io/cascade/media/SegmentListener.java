package io.cascade.media;

/** Told of a stream's new data as it is made; called on the maker's thread, so it must not block. */
public interface SegmentListener {
    default void onInit(InitSegment init) {
    }

    /** A segment has started; its first chunk follows. */
    default void onSegmentStarted(Segment segment) {
    }

    default void onChunk(Segment segment, byte[] chunk) {
    }

    default void onSegmentClosed(Segment segment) {
    }

    /** The growing segment was dropped unpublished; its number may come again. */
    default void onSegmentAborted(Segment segment) {
    }
}
