package io.cascade.dvr;

/**
 * A recorded stream's archive figures, as the API shows them ({@code stats.dvr_info}).
 *
 * @param from      Unix seconds of the oldest recorded moment, 0 when nothing is recorded
 * @param depth     seconds kept (the configured depth)
 * @param duration  seconds recorded, gaps left out
 * @param bytes     bytes of the stored segments
 * @param failure   why recording stopped (full disk, unwritable folder), null while it works
 * @param dropped   segments not recorded because the disk did not keep up
 */
public record DvrInfo(long from, long depth, long duration, long bytes, String failure, long dropped) {

    public boolean recording() {
        return failure == null;
    }
}
