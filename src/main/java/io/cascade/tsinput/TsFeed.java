package io.cascade.tsinput;

import io.cascade.input.InputFormatException;
import io.cascade.input.InputStats;
import io.cascade.input.MediaSink;
import io.cascade.media.Frame;
import io.cascade.media.MediaFormatException;
import io.cascade.media.Track;
import io.cascade.mpegts.TsDemuxer;

import java.util.List;

/**
 * A live transport stream's bytes, as they arrive, into a stream's sink: demuxed (one program),
 * counted in the input's stats, and given up as not a stream we can play when
 * {@link #TRACK_SEARCH_LIMIT} bytes bring no track.
 */
public final class TsFeed {
    /** Bytes a live input may send before it must have shown a playable program. */
    static final long TRACK_SEARCH_LIMIT = 16L << 20;

    private final MediaSink sink;
    private final InputStats stats;
    private final int program;
    private final TsDemuxer demuxer;
    /** Bytes judged at a time for being a transport stream. */
    static final long SYNC_WINDOW = 512 << 10;
    private long bytes;
    private long windowBytes;
    private long windowPackets;
    private long errorsCounted;
    private boolean hasTracks;

    /** @param program the program number to play, {@link TsDemuxer#FIRST_PROGRAM} for the first */
    public TsFeed(MediaSink sink, int program) {
        this.sink = sink;
        this.stats = sink.stats();
        this.program = program;
        this.demuxer = new TsDemuxer(new TsDemuxer.Listener() {
            @Override
            public void onTracks(List<Track> tracks) {
                hasTracks = !tracks.isEmpty();
                sink.onTracks(tracks);
            }

            @Override
            public void onFrame(Frame frame) {
                sink.onFrame(frame);
            }
        }, program);
    }

    /** The stats of the input this feed counts for. */
    public InputStats stats() {
        return stats;
    }

    /**
     * The next bytes of the stream, split anywhere.
     *
     * @throws InputFormatException when they are no transport stream, or none with a playable program
     */
    public void feed(byte[] b, int off, int len) throws InputFormatException {
        bytes += len;
        stats.addBytes(len);
        try {
            demuxer.feed(b, off, len);
        } catch (MediaFormatException e) {
            throw new InputFormatException(e.getMessage(), e);
        } finally {
            long errors = demuxer.continuityErrors();
            if (errors != errorsCounted) {
                stats.addErrors(errors - errorsCounted);
                errorsCounted = errors;
            }
        }
        checkSync(len);
        if (!hasTracks && bytes > TRACK_SEARCH_LIMIT) {
            throw new InputFormatException(noProgram());
        }
    }

    /**
     * Random bytes lock onto a false sync now and then (a 0x47 188 bytes after another), so the
     * demuxer's own bound on unsynced bytes may never be reached: a window whose bytes are
     * mostly outside packets is no transport stream.
     */
    private void checkSync(int len) throws InputFormatException {
        windowBytes += len;
        if (windowBytes < SYNC_WINDOW) {
            return;
        }
        long inPackets = (demuxer.packets() - windowPackets) * 188;
        long judged = windowBytes;
        windowPackets = demuxer.packets();
        windowBytes = 0;
        if (inPackets < judged / 2) {
            throw new InputFormatException("not an MPEG-TS stream: only " + inPackets + " of " + judged
                    + " bytes received were in 188-byte packets");
        }
    }

    /** The bytes before the input went away are all there will be; what is held goes out. */
    public void end() {
        demuxer.end();
    }

    /** Packets lost so far, as the continuity counters tell. */
    public long continuityErrors() {
        return demuxer.continuityErrors();
    }

    private String noProgram() {
        String listed = demuxer.programs().isEmpty() ? "no program table found"
                : "programs in the stream: " + demuxer.programs();
        String wanted = program == TsDemuxer.FIRST_PROGRAM ? "a playable program" : "program " + program;
        return "no H.264, H.265 or AAC track of " + wanted + " in the first " + TRACK_SEARCH_LIMIT
                + " bytes (" + listed + ")";
    }
}
