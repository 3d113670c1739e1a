package io.cascade.dvr;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** How full the filesystem holding a folder is; injected so retention is tested without filling a disk. */
@FunctionalInterface
public interface DiskUsage {
    /** Percent of the filesystem under {@code path} in use, 0..100. */
    double usedPercent(Path path) throws IOException;

    /** The real filesystem's figures (statvfs). */
    DiskUsage FILESYSTEM = path -> {
        FileStore store = Files.getFileStore(path);
        long total = store.getTotalSpace();
        return total <= 0 ? 0 : 100.0 * (total - store.getUsableSpace()) / total;
    };
}
