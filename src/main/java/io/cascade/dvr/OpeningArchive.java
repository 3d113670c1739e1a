package io.cascade.dvr;

import io.cascade.media.Segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A stream's archive, opened on the first write that can open it: a DVR folder that cannot be
 * created or written at start (a disk not mounted yet, wrong permissions) fails each write, so the
 * recorder reports it once and keeps trying, and recording starts by itself once it can.
 */
final class OpeningArchive implements SegmentWriter {
    private final Path dvrPath;
    private final String name;
    private final Consumer<StreamArchive> opened;
    private volatile StreamArchive archive;

    OpeningArchive(Path dvrPath, String name, Consumer<StreamArchive> opened) {
        this.dvrPath = dvrPath;
        this.name = name;
        this.opened = opened;
    }

    /** Opens it now if it can; the stream is then numbered above it before it starts. */
    Optional<StreamArchive> tryOpen() throws IOException {
        if (archive == null) {
            StreamArchive a = StreamArchive.open(dvrPath, name);
            archive = a;
            opened.accept(a);
        }
        return Optional.of(archive);
    }

    Optional<StreamArchive> archive() {
        return Optional.ofNullable(archive);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path root() {
        return dvrPath.resolve(name).resolve(StreamArchive.FOLDER);
    }

    @Override
    public void write(Segment segment) throws IOException {
        tryOpen().orElseThrow().append(segment);
    }
}
