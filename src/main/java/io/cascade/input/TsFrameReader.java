package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.MediaFormatException;
import io.cascade.media.Track;
import io.cascade.mpegts.TsDemuxer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/** An MPEG-TS file's frames, read a block at a time so memory stays bounded. */
final class TsFrameReader implements FrameReader {
    private static final int BLOCK = 188 * 348;
    /** Read at most this much looking for the tracks before calling the file broken. */
    private static final long TRACK_SEARCH_LIMIT = 16L << 20;

    private final InputStream in;
    private final ArrayDeque<Frame> ready = new ArrayDeque<>();
    private final TsDemuxer demuxer;
    private final byte[] block = new byte[BLOCK];
    private List<Track> tracks;
    private boolean eof;
    private long bytesRead;

    TsFrameReader(Path file) throws IOException {
        this.in = Files.newInputStream(file);
        this.demuxer = new TsDemuxer(new TsDemuxer.Listener() {
            @Override
            public void onTracks(List<Track> t) {
                tracks = t;
            }

            @Override
            public void onFrame(Frame f) {
                ready.add(f);
            }
        });
    }

    @Override
    public List<Track> tracks() throws IOException {
        while (tracks == null && !eof) {
            if (bytesRead > TRACK_SEARCH_LIMIT) {
                throw new InputFormatException("no playable tracks in the first " + TRACK_SEARCH_LIMIT + " bytes");
            }
            readBlock();
        }
        if (tracks == null) {
            throw new InputFormatException("no playable tracks found");
        }
        return tracks;
    }

    @Override
    public Frame next() throws IOException {
        while (ready.isEmpty() && !eof) {
            readBlock();
        }
        return ready.poll();
    }

    private void readBlock() throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        try {
            if (n <= 0) {
                eof = true;
                demuxer.end();
                return;
            }
            bytesRead += n;
            demuxer.feed(block, 0, n);
        } catch (MediaFormatException e) {
            throw new InputFormatException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
