package io.cascade.dvr;

import io.cascade.media.Segment;

import java.io.IOException;
import java.nio.file.Path;

/** Where a recorder writes closed segments: a stream's archive. */
public interface SegmentWriter {
    /** Names the stream in log lines. */
    String name();

    /** Where it writes, for log lines. */
    Path root();

    /** Stores a closed segment; may block on the disk. */
    void write(Segment segment) throws IOException;
}
