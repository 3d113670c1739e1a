package io.cascade.cluster;

import java.util.Optional;

/**
 * Finds the archive of a stream by name: a server's recordings, or what it reaches through the
 * cluster. Must be cheap and never block (no disk): it is called on an event loop; the archive's
 * own methods are not.
 */
@FunctionalInterface
public interface ArchiveCatalog {
    /** A catalog with no archive at all. */
    ArchiveCatalog NONE = name -> Optional.empty();

    Optional<ArchiveIndex> find(String stream);

    /** This catalog's archive of a stream, else {@code other}'s. */
    default ArchiveCatalog or(ArchiveCatalog other) {
        return name -> find(name).or(() -> other.find(name));
    }
}
