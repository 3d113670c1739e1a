package io.cascade.tsout;

import io.cascade.hls.TsSegments;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.mpegts.TsContinuity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP MPEG-TS viewer against a live window and a stand-in connection whose unsent bytes and
 * timers the test drives; segments carry a small TS form of their own (PAT, then 16 packets of
 * one PID starting with a PCR), as the real one continues from segment to segment.
 */
class TsHttpViewerTest {
    private static final InitSegment INIT = new InitSegment(1, List.of(), new byte[] {1});
    private static final long SECOND = 90_000;

    private final SegmentStore store = new SegmentStore(10);
    private final FakeConnection connection = new FakeConnection();
    private final AtomicInteger keepAlives = new AtomicInteger();
    private long nanos;

    /** A connection that keeps what it is sent and says as unsent whatever the test sets. */
    static final class FakeConnection implements ViewerConnection {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final List<Runnable> timers = new ArrayList<>();
        final List<CompletableFuture<Void>> timerHandles = new ArrayList<>();
        long unsent;
        /** Unsent bytes to report once each before {@link #unsent}, in order. */
        final java.util.ArrayDeque<Long> unsentOnce = new java.util.ArrayDeque<>();
        /** Whether a new timer runs once already inside {@link #every}, as a busy machine can make it. */
        boolean firstRunAtOnce;
        boolean aborted;
        boolean ended;
        Runnable closeAction;

        @Override
        public void write(ByteBuffer piece) {
            byte[] b = new byte[piece.remaining()];
            piece.duplicate().get(b);
            sent.writeBytes(b);
        }

        @Override
        public long pendingBytes() {
            Long once = unsentOnce.poll();
            return once != null ? once : unsent;
        }

        @Override
        public ScheduledFuture<?> every(long millis, Runnable action) {
            timers.add(action);
            FakeTimer timer = new FakeTimer(this, action);
            if (firstRunAtOnce) {
                action.run();
            }
            return timer;
        }

        void tick() {
            List.copyOf(timers).forEach(Runnable::run);
        }

        @Override
        public void onClose(Runnable action) {
            closeAction = action;
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void abort() {
            aborted = true;
            if (closeAction != null) {
                closeAction.run();
            }
        }
    }

    /** A timer of the fake connection: cancelling it takes it off the list. */
    static final class FakeTimer extends CompletableFuture<Void> implements ScheduledFuture<Void> {
        private final FakeConnection owner;
        private final Runnable action;

        FakeTimer(FakeConnection owner, Runnable action) {
            this.owner = owner;
            this.action = action;
        }

        @Override
        public boolean cancel(boolean interrupt) {
            owner.timers.remove(action);
            return super.cancel(interrupt);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed o) {
            return 0;
        }
    }

    private void close(long number) {
        Segment s = Segment.complete(number, number * 2 * SECOND, 2 * SECOND, INIT, false, new byte[] {(byte) number});
        s.derived(TsSegments.TS, seg -> tsForm(number));
        store.addComplete(s);
    }

    static byte[] tsForm(long number) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(packet(0, (int) (number & 15), false));
        for (int cc = 0; cc < 16; cc++) {
            out.writeBytes(packet(0x100, cc, cc == 0));
        }
        return out.toByteArray();
    }

    private static byte[] packet(int pid, int cc, boolean pcr) {
        byte[] p = new byte[188];
        java.util.Arrays.fill(p, (byte) 0xff);
        p[0] = 0x47;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = (byte) ((pcr ? 0x30 : 0x10) | cc);
        if (pcr) {
            p[4] = 7;
            p[5] = 0x10;
        }
        return p;
    }

    private TsHttpViewer viewer() {
        LiveSegments source = new LiveSegments(store, LiveSegments.NEWEST, 2, Runnable::run);
        return new TsHttpViewer("test", connection, source, keepAlives::incrementAndGet, Runnable::run,
                TimeUnit.SECONDS.toNanos(20), () -> nanos);
    }

    private int segmentsSent() {
        return connection.sent.size() / (17 * 188);
    }

    @Test
    void aViewerThatKeepsUpGetsEverySegmentFromTheNewestOnAsOneContinuousStream() {
        close(100);
        close(101);
        viewer().start();
        assertThat(segmentsSent()).as("starts at the newest closed segment").isEqualTo(1);
        for (long n = 102; n < 110; n++) {
            close(n);
        }
        assertThat(segmentsSent()).isEqualTo(9);
        byte[] all = connection.sent.toByteArray();
        assertThat(all[3] & 15).as("the PAT counter of the first segment").isEqualTo(101 & 15);
        assertThat(TsContinuity.breaks(all)).isEmpty();
        connection.tick();
        assertThat(keepAlives).as("the stream told of its viewer").hasValue(1);
    }

    @Test
    void aSlowViewerSkipsToTheNewestSegmentAndStaysContinuous() {
        close(100);
        connection.unsent = TsHttpViewer.ROOM * 4; // the network takes nothing for a while
        viewer().start();
        for (long n = 101; n <= 105; n++) {
            close(n);
        }
        assertThat(segmentsSent()).as("nothing more is queued while the viewer has no room").isEqualTo(1);
        connection.unsent = 0;
        connection.tick();
        assertThat(segmentsSent()).isEqualTo(2);
        byte[] all = connection.sent.toByteArray();
        assertThat(all[17 * 188 + 3] & 15).as("the PAT counter goes on, though segment 105 came next").isEqualTo((100 + 1) & 15);
        assertThat(all[17 * 188 + 188 + 5] & 0x80).as("the skip is a discontinuity of the time base").isNotZero();
        assertThat(TsContinuity.breaks(all)).isEmpty();
        assertThat(connection.aborted).isFalse();
    }

    @Test
    void aRoomCheckThatRunsBeforeItsTimerIsKnownStillEndsItsWaitAndCancelsIt() {
        close(100);
        close(101);
        TsHttpViewer viewer = viewer();
        connection.unsentOnce.add(TsHttpViewer.ROOM); // no room when the first segment is written
        connection.firstRunAtOnce = true;
        viewer.start();
        assertThat(segmentsSent()).isEqualTo(1);
        connection.firstRunAtOnce = false;
        assertThat(connection.timers).as("only the keep-alive timer is left").hasSize(1);
        close(102);
        assertThat(segmentsSent()).as("the viewer asked for the next segment").isEqualTo(2);
    }

    @Test
    void aSourceThatEndsEndsTheResponseNormally() {
        SegmentSource ending = new SegmentSource() {
            @Override
            public CompletableFuture<Segment> next() {
                return CompletableFuture.failedFuture(new java.util.NoSuchElementException("end of range"));
            }

            @Override
            public long skipped() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        new TsHttpViewer("test", connection, ending, () -> { }, Runnable::run).start();
        assertThat(connection.ended).isTrue();
        assertThat(connection.aborted).isFalse();
        assertThat(connection.timers).as("no timer left running").isEmpty();
    }

    @Test
    void aViewerThatTakesNothingForTheStallTimeIsDisconnected() {
        close(100);
        connection.unsent = TsHttpViewer.ROOM;
        viewer().start();
        close(101);
        nanos += TimeUnit.SECONDS.toNanos(19);
        connection.tick();
        assertThat(connection.aborted).isFalse();
        nanos += TimeUnit.SECONDS.toNanos(2);
        connection.tick();
        assertThat(connection.aborted).isTrue();
        assertThat(connection.timers).as("no timer left running").isEmpty();
        close(102);
        assertThat(segmentsSent()).as("nothing after the viewer is gone").isEqualTo(1);
    }
}
