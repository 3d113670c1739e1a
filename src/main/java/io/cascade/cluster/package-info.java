/**
 * Cluster restreaming: the M4F segment protocol between servers, version 2 (source side: the
 * challenge, the stream list and segment push; restreamer side: the pull input), the
 * {@code cluster_key} proofs and per-message MACs that guard it, and the rules that turn
 * sources' stream lists into local streams. Wire code: {@link io.cascade.cluster.M4fMessage},
 * {@link io.cascade.cluster.M4fEncoder}, {@link io.cascade.cluster.M4fDecoder}.
 *
 * <p>Also the cluster side of the archive and of viewer sessions, behind small interfaces the
 * DVR and session layers implement ({@link io.cascade.cluster.ClusterHooks}): archive requests
 * answered from an {@link io.cascade.cluster.ArchiveIndex} and read back by a
 * {@link io.cascade.cluster.RemoteArchive} (which is an archive index in turn, for the tier
 * below), {@code replicate} into a {@link io.cascade.cluster.ReplicaArchive}, and session reports
 * from a {@link io.cascade.cluster.SessionSource} to the source's
 * {@link io.cascade.cluster.SessionSink}, with leases and the cluster-wide session limit.
 */
package io.cascade.cluster;
