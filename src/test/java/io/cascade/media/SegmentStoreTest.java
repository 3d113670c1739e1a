package io.cascade.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentStoreTest {
    private static final InitSegment INIT = new InitSegment(1, List.of(), new byte[] {1});
    private static final long T0 = 1_700_000_000L * Timebase.HZ;
    private static final long DUR = 2 * Timebase.HZ;

    private static Segment segment(long number, boolean discontinuity) {
        return new Segment(number, T0 + number * DUR, INIT, discontinuity);
    }

    private static void write(SegmentStore store, long number, boolean discontinuity, int chunks) {
        store.start(segment(number, discontinuity));
        for (int c = 0; c < chunks; c++) {
            store.appendChunk(new byte[] {(byte) number, (byte) c});
        }
        store.closeGrowing(DUR);
    }

    /** Records every event as a line, and the snapshot as the same lines, so the two can be joined. */
    private static final class Recorder implements SegmentListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        boolean joinedMidSegment;

        void snapshot(SegmentStore.Snapshot s) {
            joinedMidSegment = s.growing().isPresent() && !s.growingChunks().isEmpty();
            s.init().ifPresent(this::onInit);
            for (Segment seg : s.closed()) {
                events.add("start " + seg.number());
                for (byte[] c : seg.chunks()) {
                    events.add("chunk " + seg.number() + "/" + c[1]);
                }
                events.add("close " + seg.number());
            }
            s.growing().ifPresent(g -> {
                events.add("start " + g.number());
                for (byte[] c : s.growingChunks()) {
                    events.add("chunk " + g.number() + "/" + c[1]);
                }
            });
        }

        @Override
        public void onInit(InitSegment init) {
            events.add("init " + init.version());
        }

        @Override
        public void onSegmentStarted(Segment segment) {
            events.add("start " + segment.number());
        }

        @Override
        public void onChunk(Segment segment, byte[] chunk) {
            events.add("chunk " + segment.number() + "/" + chunk[1]);
        }

        @Override
        public void onSegmentClosed(Segment segment) {
            events.add("close " + segment.number());
        }

        @Override
        public void onSegmentAborted(Segment segment) {
            events.add("abort " + segment.number());
        }
    }

    @Test
    void subscriberGetsTheSnapshotThenEveryFollowingEventExactlyOnce() throws Exception {
        int segments = 400;
        int chunks = 5;
        SegmentStore store = new SegmentStore(segments + 1);
        store.setInit(INIT);
        CountDownLatch running = new CountDownLatch(1);
        // However slow the machine, the writer is still mid-segment when the last subscriber joins.
        CountDownLatch subscribed = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int n = 0; n < segments; n++) {
                store.start(segment(n, false));
                if (n == 3) {
                    running.countDown();
                }
                for (int c = 0; c < chunks; c++) {
                    store.appendChunk(new byte[] {(byte) n, (byte) c});
                    pause(20_000);
                    if (n == segments - 10 && c == 2) {
                        await(subscribed);
                    }
                }
                store.closeGrowing(DUR);
            }
        });
        List<Recorder> subscribers = new ArrayList<>();
        running.await(5, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            Recorder r = new Recorder();
            store.subscribe(r, r::snapshot);
            subscribers.add(r);
            pause(1_000_000);
        }
        boolean writerStillWriting = writer.isAlive();
        subscribed.countDown();
        writer.join(10_000);

        Recorder everything = new Recorder();
        everything.snapshot(new SegmentStore.Snapshot(store.init(), store.closedSegments(), store.growing(), List.of()));
        for (Recorder r : subscribers) {
            assertThat(r.events).containsExactlyElementsOf(everything.events);
        }
        assertThat(writerStillWriting).isTrue();
        assertThat(subscribers).as("some joined while a segment was half made").anyMatch(r -> r.joinedMidSegment);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void snapshotCarriesTheGrowingSegmentsChunksSoFar() {
        SegmentStore store = new SegmentStore(3);
        store.setInit(INIT);
        write(store, 0, false, 2);
        store.start(segment(1, false));
        store.appendChunk(new byte[] {1, 0});
        Recorder r = new Recorder();

        store.subscribe(r, r::snapshot);
        store.appendChunk(new byte[] {1, 1});
        store.closeGrowing(DUR);

        assertThat(r.events).containsExactly("init 1", "start 0", "chunk 0/0", "chunk 0/1", "close 0",
                "start 1", "chunk 1/0", "chunk 1/1", "close 1");
    }

    @Test
    void abortGrowingLetsTheNumberBeMadeAgain() {
        SegmentStore store = new SegmentStore(3);
        write(store, 0, false, 1);
        store.start(segment(1, false));
        store.appendChunk(new byte[] {1, 0});
        Recorder r = new Recorder();
        store.addListener(r);

        store.abortGrowing();

        assertThat(r.events).containsExactly("abort 1");
        assertThat(store.growing()).isEmpty();
        assertThat(store.lastNumber()).isZero();
        assertThat(store.byNumber(1)).isEmpty();
        write(store, 1, false, 2);
        assertThat(store.byNumber(1).orElseThrow().bytes()).containsExactly(1, 0, 1, 1);
        assertThatThrownBy(() -> store.start(segment(1, false))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void abortWithNothingGrowingChangesNothing() {
        SegmentStore store = new SegmentStore(3);
        write(store, 4, false, 1);
        store.abortGrowing();
        assertThat(store.lastNumber()).isEqualTo(4);
    }

    @Test
    void numbersMustRiseAndOneSegmentGrowsAtATime() {
        SegmentStore store = new SegmentStore(3);
        write(store, 5, false, 1);
        assertThatThrownBy(() -> store.start(segment(5, false))).isInstanceOf(IllegalArgumentException.class);
        store.start(segment(6, false));
        assertThatThrownBy(() -> store.start(segment(7, false))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void evictionCountsDiscontinuitiesAndRemembersTheLastPeriodStart() {
        SegmentStore store = new SegmentStore(2);
        write(store, 0, false, 1);
        write(store, 1, true, 1);
        write(store, 2, false, 1);
        write(store, 3, true, 1);
        assertThat(store.discontinuitiesBeforeWindow()).isEqualTo(1);
        assertThat(store.periodStartBeforeWindow()).isEqualTo(T0 + DUR);
        assertThat(store.closedSegments()).extracting(Segment::number).containsExactly(2L, 3L);

        write(store, 4, false, 1);
        write(store, 5, false, 1);
        assertThat(store.discontinuitiesBeforeWindow()).isEqualTo(2);
        assertThat(store.periodStartBeforeWindow()).isEqualTo(T0 + 3 * DUR);
    }

    @Test
    void clearWindowForgetsSegmentsButNotNumbersOrTime() {
        SegmentStore store = new SegmentStore(5);
        write(store, 0, true, 1);
        write(store, 1, false, 1);
        store.start(segment(2, false));
        assertThat(store.firstClosed()).isDone();

        store.clearWindow();

        assertThat(store.closedSegments()).isEmpty();
        assertThat(store.growing()).isEmpty();
        assertThat(store.lastNumber()).isEqualTo(1);
        assertThat(store.lastEnd()).isEqualTo(T0 + 2 * DUR);
        assertThat(store.discontinuitiesBeforeWindow()).isEqualTo(1);
        assertThat(store.periodStartBeforeWindow()).isEqualTo(T0);
        assertThat(store.firstClosed()).isNotDone();
        write(store, 2, false, 1);
        assertThat(store.firstClosed()).isCompletedWithValueMatching(s -> s.number() == 2);
    }

    @Test
    void addCompleteStoresAWholeSegment() {
        SegmentStore store = new SegmentStore(2);
        Recorder r = new Recorder();
        store.addListener(r);
        store.addComplete(Segment.complete(9, T0, DUR, INIT, false, new byte[] {9, 9}));

        assertThat(r.events).containsExactly("start 9", "close 9");
        assertThat(store.lastNumber()).isEqualTo(9);
        assertThat(store.lastEnd()).isEqualTo(T0 + DUR);
        assertThat(store.byNumber(9).orElseThrow().bytes()).containsExactly(9, 9);
    }

    @Test
    void theWindowKeepsWithinItsByteBoundButAlwaysHoldsTheNewestSegment() {
        SegmentStore store = new SegmentStore(10, 1000);
        store.setInit(INIT);
        for (int n = 0; n < 6; n++) {
            store.start(segment(n, n == 1));
            store.appendChunk(new byte[300]);
            store.closeGrowing(DUR);
        }
        assertThat(store.closedSegments()).extracting(Segment::number).containsExactly(3L, 4L, 5L);
        assertThat(store.closedBytes()).isEqualTo(900);
        assertThat(store.discontinuitiesBeforeWindow()).isEqualTo(1);
        store.start(segment(6, false));
        store.appendChunk(new byte[5000]);
        store.closeGrowing(DUR);
        assertThat(store.closedSegments()).extracting(Segment::number).containsExactly(6L);
    }

    @Test
    void theTargetOnlyGrows() {
        SegmentStore store = new SegmentStore(3);
        assertThat(store.target()).isEmpty();
        assertThat(store.adoptTarget(new SegmentTarget(2))).isEqualTo(new SegmentTarget(2));
        assertThat(store.adoptTarget(new SegmentTarget(1))).isEqualTo(new SegmentTarget(2));
        assertThat(store.adoptTarget(new SegmentTarget(4))).isEqualTo(new SegmentTarget(4));
    }
}
