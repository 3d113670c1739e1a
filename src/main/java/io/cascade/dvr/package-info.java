/**
 * The DVR: each recorded stream's archive on disk ({@link io.cascade.dvr.StreamArchive}), the
 * recorder that writes every closed segment into it off the event loops
 * ({@link io.cascade.dvr.Recorder}), retention by depth and disk fill ({@link io.cascade.dvr.Retention}),
 * and the read side every archive URL is served from ({@link io.cascade.dvr.Archive}), which a
 * remote archive (a cluster source's) can implement as well.
 *
 * <p>The archive holds the canonical segment bytes and init segments byte for byte; the layout
 * and the crash rules are in {@code docs/dvr.md}.
 */
package io.cascade.dvr;
