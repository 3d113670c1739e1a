package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Frames of a container read in decode order; the common face of the file demuxers. */
interface FrameReader extends Closeable {
    List<Track> tracks() throws IOException;

    /** The next frame, or null at the end. */
    Frame next() throws IOException;
}
