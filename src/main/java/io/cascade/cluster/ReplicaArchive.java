package io.cascade.cluster;

import java.io.IOException;

/**
 * The write side of a restreamer's own archive of a stream ({@code dvr PATH DEPTH replicate} in a
 * {@code source} block), as replication fills it: segments are stored under the source's numbers
 * with the source's bytes, so the copy has no hole the source has not.
 */
public interface ReplicaArchive {
    /** Whether segment {@code number} is already stored. */
    boolean has(long number) throws IOException;

    /** Stores a segment the source has and this archive missed; {@code init} is the init it needs. */
    void store(ArchivedSegment segment, byte[] init, byte[] bytes) throws IOException;
}
