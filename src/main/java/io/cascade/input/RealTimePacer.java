package io.cascade.input;

import io.cascade.media.Timebase;

/** Holds each frame back until its time has come on the wall clock, counted from the first frame. */
final class RealTimePacer implements Pacer {
    private long startNanos = Long.MIN_VALUE;
    private long startDts;

    @Override
    public void await(long dts) throws InterruptedException {
        long now = System.nanoTime();
        if (startNanos == Long.MIN_VALUE) {
            startNanos = now;
            startDts = dts;
            return;
        }
        long due = startNanos + (dts - startDts) * 1_000_000_000L / Timebase.HZ;
        long wait = due - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
