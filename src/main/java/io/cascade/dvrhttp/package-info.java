/**
 * The archive over HTTP: catch-up playlists and manifests, rewind and timeshift, exports, the
 * archive's segments once they left the live window, {@code recording_status.json} and the
 * {@code dvr} API. Everything is read through {@link io.cascade.dvr.Archive}, so a remote archive
 * plugs into the same routes ({@link io.cascade.dvrhttp.Archives}).
 */
package io.cascade.dvrhttp;
