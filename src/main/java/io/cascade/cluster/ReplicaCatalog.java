package io.cascade.cluster;

import java.util.Optional;

/** Finds a restreamer's own archive of a stream, for replication to fill. */
@FunctionalInterface
public interface ReplicaCatalog {
    ReplicaCatalog NONE = name -> Optional.empty();

    Optional<ReplicaArchive> find(String stream);
}
