package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Timebase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file (MP4 or MPEG-TS) played as a live stream: looped forever, paced at real time, with the
 * clock carried across the loop point so timestamps keep rising.
 */
public final class FileInput implements Input {
    private final String url;
    private final Path path;

    public FileInput(String url, Path path) {
        this.url = url;
        this.path = path;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void run(MediaSink sink) throws IOException, InterruptedException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file: " + path);
        }
        Pacer pacer = new Pacer();
        long loopOffset = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long end = playOnce(sink, pacer, loopOffset);
            loopOffset = end;
        }
        throw new InterruptedException();
    }

    /** Plays the file once with its clock moved by {@code offset}; returns the offset for the next loop. */
    private long playOnce(MediaSink sink, Pacer pacer, long offset) throws IOException, InterruptedException {
        try (FrameReader reader = open()) {
            sink.onTracks(reader.tracks());
            long first = Long.MIN_VALUE;
            long end = Long.MIN_VALUE;
            Frame f;
            while ((f = reader.next()) != null) {
                if (first == Long.MIN_VALUE) {
                    first = f.dts();
                }
                Frame out = f.shifted(offset);
                pacer.await(out.dts());
                sink.onFrame(out);
                end = Math.max(end, out.dts() + Math.max(out.duration(), 1));
            }
            if (first == Long.MIN_VALUE) {
                throw new InputFormatException(path.getFileName() + ": no frames");
            }
            return end - first;
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

    /** Holds each frame back until its time has come on the wall clock. */
    private static final class Pacer {
        private long startNanos = Long.MIN_VALUE;
        private long startDts;

        void await(long dts) throws InterruptedException {
            long now = System.nanoTime();
            if (startNanos == Long.MIN_VALUE) {
                startNanos = now;
                startDts = dts;
                return;
            }
            long due = startNanos + (dts - startDts) * 1_000_000_000L / Timebase.HZ;
            long wait = due - now;
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }
}
