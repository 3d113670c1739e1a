package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.MediaFormatException;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4Demuxer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** An MP4 file's frames. */
final class Mp4FrameReader implements FrameReader {
    private final Mp4Demuxer demuxer;

    Mp4FrameReader(Path file) throws IOException {
        try {
            this.demuxer = Mp4Demuxer.open(file);
        } catch (MediaFormatException e) {
            throw new InputFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Track> tracks() {
        return demuxer.tracks();
    }

    @Override
    public Frame next() throws IOException {
        try {
            return demuxer.nextFrame().orElse(null);
        } catch (MediaFormatException e) {
            throw new InputFormatException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        demuxer.close();
    }
}
