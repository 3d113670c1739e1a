/**
 * The DVR and the cluster joined: a recorded stream's archive served to peers over M4F
 * ({@link io.cascade.dvrcluster.LocalArchiveIndex}), a source's archive read back as a local one
 * for the archive routes ({@link io.cascade.dvrcluster.SourceArchive}), and {@code replicate}
 * filling a restreamer's own recording ({@link io.cascade.dvrcluster.ReplicaStore}). Inits are
 * named by content in the DVR and by a 32-bit version on the wire: the version is the name's first
 * 32 bits ({@link io.cascade.dvr.InitIds#version}), the same on every server.
 */
package io.cascade.dvrcluster;
