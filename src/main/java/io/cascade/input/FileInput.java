package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * A file (MP4 or MPEG-TS) played as a live stream: looped forever, paced at real time, each pass
 * moved by the loop period so timestamps keep rising with exact frame spacing across the seam
 * ({@link LoopedTimeline}).
 */
public final class FileInput implements Input {
    private final String url;
    private final Path path;
    private final Supplier<Pacer> pacing;

    public FileInput(String url, Path path) {
        this(url, path, RealTimePacer::new);
    }

    /** @param pacing makes the pacer of each run (tests pass one that does not wait) */
    FileInput(String url, Path path, Supplier<Pacer> pacing) {
        this.url = url;
        this.path = path;
        this.pacing = pacing;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean pulled() {
        return true;
    }

    @Override
    public void run(MediaSink sink) throws IOException, InterruptedException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file: " + path);
        }
        Pacer pacer = pacing.get();
        LoopedTimeline timeline = new LoopedTimeline();
        Version played = null;
        while (!Thread.currentThread().isInterrupted()) {
            Version now = version();
            if (played != null && !now.equals(played)) {
                timeline.newFile();
            }
            played = now;
            playOnce(sink, pacer, timeline);
        }
        throw new InterruptedException();
    }

    /** Tells a file replaced between passes from the one played before. */
    private record Version(long size, FileTime modified) {
    }

    private Version version() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new Version(a.size(), a.lastModifiedTime());
    }

    /** Plays the file once, moved onto the continuous clock by {@code timeline}. */
    private void playOnce(MediaSink sink, Pacer pacer, LoopedTimeline timeline)
            throws IOException, InterruptedException {
        try (FrameReader reader = open()) {
            List<Track> tracks = reader.tracks();
            sink.onTracks(tracks);
            timeline.startPass(tracks);
            boolean any = false;
            Frame f;
            while ((f = reader.next()) != null) {
                any = true;
                deliver(timeline.accept(f), sink, pacer);
            }
            if (!any) {
                throw new InputFormatException(path.getFileName() + ": no frames");
            }
            try {
                deliver(timeline.endPass(), sink, pacer);
            } catch (InputFormatException e) {
                throw new InputFormatException(path.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deliver(List<Frame> frames, MediaSink sink, Pacer pacer) throws InterruptedException {
        for (Frame out : frames) {
            pacer.await(out.dts());
            sink.onFrame(out);
        }
    }

    private FrameReader open() throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(8);
        }
        if (head.length >= 1 && (head[0] & 0xff) == 0x47) {
            return new TsFrameReader(path);
        }
        if (head.length == 8) {
            return new Mp4FrameReader(path);
        }
        throw new InputFormatException(path.getFileName() + ": neither MP4 nor MPEG-TS");
    }
}
