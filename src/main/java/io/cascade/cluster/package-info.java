/**
 * Cluster restreaming: the M4F segment protocol between servers, version 2 (source side: the
 * challenge, the stream list and segment push; restreamer side: the pull input), the
 * {@code cluster_key} proofs and per-message MACs that guard it, and the rules that turn
 * sources' stream lists into local streams. Wire code: {@link io.cascade.cluster.M4fMessage},
 * {@link io.cascade.cluster.M4fEncoder}, {@link io.cascade.cluster.M4fDecoder}.
 */
package io.cascade.cluster;
