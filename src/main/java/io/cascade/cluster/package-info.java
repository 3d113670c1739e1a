/**
 * Cluster restreaming: the M4F segment protocol between servers (source side: the stream list
 * and segment push; restreamer side: the pull input), the {@code cluster_key} proofs that guard
 * it, and the rules that turn sources' stream lists into local streams.
 */
package io.cascade.cluster;
