package io.cascade.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * What the cluster needs from the rest of the server, each behind a small interface: the
 * server's own archives (served to peers), its own archives of restreamed streams (filled by
 * replication), its viewer sessions (reported upstream and cut on the cluster's word) and the
 * registry that lists the sessions peers report.
 *
 * @param archives    this server's recordings, by stream
 * @param replicas    this server's archives of streams with {@code dvr … replicate} in their source block
 * @param sessions    this server's own viewer sessions
 * @param sessionSink where sessions reported by the tier below go
 * @param serverName  this server's name in session reports; empty: host name and HTTP port
 */
public record ClusterHooks(ArchiveCatalog archives, ReplicaCatalog replicas, SessionSource sessions,
                           SessionSink sessionSink, Optional<String> serverName) {
    public static final ClusterHooks NONE = new ClusterHooks(ArchiveCatalog.NONE, ReplicaCatalog.NONE,
            SessionSource.NONE, SessionSink.NONE, Optional.empty());

    public ClusterHooks {
        Objects.requireNonNull(archives, "archives");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(sessionSink, "sessionSink");
        Objects.requireNonNull(serverName, "serverName");
    }
}
