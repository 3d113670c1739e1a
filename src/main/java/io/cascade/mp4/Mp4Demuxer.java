package io.cascade.mp4;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the H.264, H.265 and AAC tracks of a regular (non-fragmented) MP4 file as frames in
 * decode order across tracks.
 *
 * <p>Only {@code moov} is held in memory; sample data is read from the file one frame at a time.
 * Times are 90 kHz ticks with each track's edit list applied, so presentation starts near 0 as the
 * file intends (decode times of B-frame video and AAC priming frames may start slightly below 0),
 * and samples the edit cuts off at its end are left out ({@link TrackTimeline}). Other tracks (data,
 * subtitles, unknown codecs) are skipped; kept tracks are numbered 1..n in file order.
 */
public final class Mp4Demuxer implements Closeable {
    /** A moov this large would describe days of media; anything bigger is treated as hostile. */
    static final long MAX_MOOV_SIZE = 256L << 20;

    private final FileChannel file;
    private final long fileSize;
    private final List<DemuxedTrack> demuxed = new ArrayList<>();
    private final List<Track> tracks;

    private Mp4Demuxer(FileChannel file) throws IOException {
        this.file = file;
        this.fileSize = file.size();
        readMovie(readMoov());
        this.tracks = demuxed.stream().map(DemuxedTrack::track).toList();
    }

    public static Mp4Demuxer open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new Mp4Demuxer(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The kept tracks, ids 1..n in file order. */
    public List<Track> tracks() {
        return tracks;
    }

    /** Duration of the longest track (sum of its sample durations), 90 kHz ticks. */
    public long durationTicks() {
        return demuxed.stream().mapToLong(DemuxedTrack::durationTicks).max().orElse(0);
    }

    /** The sample with the lowest decode time of all tracks (lower track id first on ties), or empty at the end. */
    public Optional<Frame> nextFrame() throws IOException {
        DemuxedTrack earliest = null;
        for (DemuxedTrack t : demuxed) {
            if (t.hasNext() && (earliest == null || t.nextDts() < earliest.nextDts())) {
                earliest = t;
            }
        }
        return earliest == null ? Optional.empty() : Optional.of(earliest.read(file, fileSize));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private Box readMoov() throws IOException {
        long pos = 0;
        while (pos < fileSize) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(32, fileSize - pos));
            readFully(head, pos);
            BoxHeader h = BoxHeader.read(head.flip(), fileSize - pos, pos, "file");
            if (h.type().equals("moov")) {
                if (h.bodySize() > MAX_MOOV_SIZE) {
                    throw new Mp4FormatException("'moov' of " + h.bodySize() + " bytes exceeds the limit of "
                            + MAX_MOOV_SIZE);
                }
                ByteBuffer body = ByteBuffer.allocate((int) h.bodySize());
                readFully(body, pos + h.headerSize());
                return new Box("moov", pos, h.headerSize(), body.flip());
            }
            pos += h.size();
        }
        throw new Mp4FormatException("no 'moov' box in the file (not an MP4 file, or truncated)");
    }

    private void readMovie(Box moov) throws Mp4FormatException {
        if (moov.child("mvex").isPresent()) {
            throw new Mp4FormatException("fragmented MP4 ('moov' has 'mvex') is not supported by the file demuxer");
        }
        long movieTimescale = movieTimescale(moov.requireChild("mvhd"));
        for (Box trak : moov.children()) {
            if (trak.type().equals("trak")) {
                Optional<DemuxedTrack> t = readTrack(trak, demuxed.size() + 1, movieTimescale);
                t.ifPresent(demuxed::add);
            }
        }
    }

    private Optional<DemuxedTrack> readTrack(Box trak, int id, long movieTimescale) throws Mp4FormatException {
        Box mdia = trak.requireChild("mdia");
        String handler = handlerType(mdia.requireChild("hdlr"));
        if (!handler.equals("vide") && !handler.equals("soun")) {
            return Optional.empty();
        }
        Box stbl = mdia.require("minf/stbl");
        Optional<SampleEntry> entry = SampleEntry.readFirst(stbl.requireChild("stsd"));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        MediaHeader mdhd = MediaHeader.read(mdia.requireChild("mdhd"));
        SampleTable samples = SampleTableReader.read(stbl, fileSize);
        TrackTimeline timeline = TrackTimeline.read(trak.child("edts"), movieTimescale, mdhd.timescale());
        Track track = entry.get().toTrack(id, frameRate(samples, mdhd.timescale()), mdhd.language());
        return Optional.of(new DemuxedTrack(track, samples, timeline));
    }

    private static double frameRate(SampleTable samples, long timescale) {
        if (samples.totalDuration() <= 0) {
            return 0;
        }
        double fps = samples.count() * (double) timescale / samples.totalDuration();
        return Math.round(fps * 1000) / 1000.0;
    }

    private static long movieTimescale(Box mvhd) throws Mp4FormatException {
        FieldReader in = mvhd.fields();
        boolean wide = in.u8() == 1;
        in.skip(3 + (wide ? 16 : 8));
        return in.u32();
    }

    static String handlerType(Box hdlr) throws Mp4FormatException {
        FieldReader in = hdlr.fields();
        in.skip(8);
        return in.fourcc();
    }

    private void readFully(ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            if (file.read(buf, position + buf.position()) < 0) {
                throw new Mp4FormatException("file ends at " + (position + buf.position()) + " inside a box");
            }
        }
    }
}
