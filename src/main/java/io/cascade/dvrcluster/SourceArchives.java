package io.cascade.dvrcluster;

import io.cascade.cluster.ArchiveCatalog;
import io.cascade.cluster.ArchiveIndex;
import io.cascade.dvr.Archive;
import io.cascade.dvr.DvrService;
import io.cascade.dvrhttp.Archives;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The archives a server's archive routes serve: its own recording of a stream, else the archive
 * of the source it takes the stream from. One {@link SourceArchive} per stream, kept while the
 * cluster names the same source archive, so what it learned serves the next request.
 */
public final class SourceArchives implements Archives {
    private final DvrService dvr;
    private final ArchiveCatalog sources;
    private final Map<String, SourceArchive> remote = new ConcurrentHashMap<>();

    public SourceArchives(DvrService dvr, ArchiveCatalog sources) {
        this.dvr = dvr;
        this.sources = sources;
    }

    @Override
    public Optional<Archive> of(String streamName) {
        Optional<Archive> local = dvr.archive(streamName).map(a -> a);
        if (local.isPresent()) {
            return local;
        }
        Optional<ArchiveIndex> index = sources.find(streamName);
        if (index.isEmpty()) {
            remote.remove(streamName);
            return Optional.empty();
        }
        SourceArchive had = remote.get(streamName);
        if (had != null && had.source() == index.get()) {
            return Optional.of(had);
        }
        SourceArchive made = new SourceArchive(index.get());
        made.ranges(); // fetched meanwhile on a virtual thread, for the status answers that read them at once
        remote.put(streamName, made);
        return Optional.of(made);
    }
}
