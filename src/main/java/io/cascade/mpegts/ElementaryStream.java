package io.cascade.mpegts;

import io.cascade.codec.CodecFormatException;
import io.cascade.media.Frame;
import io.cascade.media.Track;

/** Turns the PES packets of one stream into frames and keeps the track config current. */
interface ElementaryStream {

    /** Where a stream's output goes. */
    interface Output {
        void frame(Frame frame);

        /** The stream's {@link #track()} is new or changed. */
        void trackChanged();
    }

    /** Handles one PES whose timestamps are already unwrapped. */
    void pes(long pts, long dts, byte[] payload) throws CodecFormatException;

    /** Packets of this stream were lost: what refers to the lost data must not go out. */
    default void lost() {
    }

    /** Emits anything held back; the stream has ended. */
    void flush();

    /** The track as known so far, null until the codec config has been seen. */
    Track track();
}
